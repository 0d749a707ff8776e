import assert from 'node:assert/strict';
import { chooseLocale, fromAcceptLanguage } from '../../../src/i18n/choose-locale.js';
import { sameOriginPath } from '../../../src/http/language-route.js';
import { formatDate, formatNumber } from '../../../src/i18n/format.js';

describe('choosing the language of a page', () => {
  it('takes the first supported ui_locales of the sign-in over the cookie and the browser', () => {
    assert.equal(chooseLocale({ uiLocales: ['de', 'nl-BE', 'sv'], cookie: 'sv', acceptLanguage: 'sv' }), 'nl');
  });

  it('takes the language chosen from the menu when ui_locales names none Gatehouse has', () => {
    assert.equal(chooseLocale({ uiLocales: ['fi'], cookie: 'sv', acceptLanguage: 'nl' }), 'sv');
  });

  it('ignores a cookie that names no supported language', () => {
    assert.equal(chooseLocale({ cookie: 'xx', acceptLanguage: 'nl-NL,nl;q=0.9' }), 'nl');
  });

  it('reads Accept-Language by its q-values, skipping languages Gatehouse lacks', () => {
    assert.equal(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.5,sv-SE;q=0.8'), 'sv');
    assert.equal(fromAcceptLanguage('fr, de;q=0.5'), undefined);
    assert.equal(fromAcceptLanguage('sv;q=0, nl;q=0.1'), 'nl');
  });

  it('falls back to English when nothing names a supported language', () => {
    assert.equal(chooseLocale({}), 'en');
  });
});

describe('the language menu route', () => {
  it('follows back only a path on this server', () => {
    assert.equal(sameOriginPath('/signin/t/abc?x=1'), '/signin/t/abc?x=1');
    for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'evil', '', '/a\nb', undefined, ['/a']]) {
      assert.equal(sameOriginPath(bad), undefined, String(bad));
    }
  });
});

describe('dates and numbers', () => {
  it('are written as the page language writes them', () => {
    assert.equal(formatNumber(1234567.5, 'en'), '1,234,567.5');
    assert.equal(formatNumber(1234567.5, 'sv'), '1\u00a0234\u00a0567,5');
    assert.equal(formatNumber(1234567.5, 'nl'), '1.234.567,5');
    assert.equal(formatDate('2026-03-05T10:00:00Z', 'en'), 'Mar 5, 2026');
    assert.equal(formatDate('2026-03-05T10:00:00Z', 'sv'), '5 mars 2026');
    assert.equal(formatDate('2026-03-05T10:00:00Z', 'nl'), '5 mrt 2026');
    assert.equal(formatDate('not a date', 'en'), 'not a date');
  });
});
