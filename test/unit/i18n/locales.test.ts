import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VIEWS_DIR } from '../../../src/package-root.js';
import { LOCALES } from '../../../src/i18n/choose-locale.js';

const messages = (locale: string) => JSON.parse(readFileSync(join(VIEWS_DIR, 'locales', `${locale}.json`), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templates(join(dir, entry.name)) : entry.name.endsWith('.njk') ? [join(dir, entry.name)] : [],
  );
}

describe('the locale files', () => {
  const en = messages('en');

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`gives ${locale} a translation of every English key, and no key English lacks`, () => {
      const other = messages(locale);
      assert.deepEqual(Object.keys(en).filter((key) => !(key in other)), [], `keys missing from ${locale}.json`);
      assert.deepEqual(Object.keys(other).filter((key) => !(key in en)), [], `keys in ${locale}.json that en.json lacks`);
    });

    it(`keeps the same {placeholders} in every ${locale} message as in English`, () => {
      const other = messages(locale);
      const differ = Object.keys(en).filter((key) => key in other && placeholders(en[key]!).join() !== placeholders(other[key]!).join());
      assert.deepEqual(differ, []);
    });

    it(`leaves no ${locale} message empty`, () => {
      assert.deepEqual(Object.entries(messages(locale)).filter(([, text]) => !text.trim()).map(([key]) => key), []);
    });
  }

  it('has an English message for every key a page template asks for', () => {
    const missing: string[] = [];
    for (const file of templates(VIEWS_DIR)) {
      for (const [, key, rest] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'\s*(\S)/g)) {
        // t('mfa.push.refused.' + reason) builds its key: then some key must at least start so.
        const known = rest === '+' || rest === '~' ? Object.keys(en).some((k) => k.startsWith(key!)) : key! in en;
        if (!known) missing.push(`${relative(VIEWS_DIR, file)}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
