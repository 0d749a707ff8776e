import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { nodeSamlSp, postedForm, samlRelyingParty, signIn, spBrowser, spSlo, startSso } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { realmReply, signinUrl } from '../../helpers/wsfed-rp.js';

const PASSWORD = 'correct horse battery';

describe('WS-Federation sign-out', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({
      relyingParties: [
        { type: 'wsfed', id: 'm365', realm: 'urn:federation:MicrosoftOnline', reply: realmReply('m365') },
        { type: 'wsfed', id: 'intranet', realm: 'urn:intranet', reply: realmReply('intranet') },
        samlRelyingParty({ id: 'sp', signingKey: 'sp-signing' }),
      ],
    });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
  });
  after(() => gh.stop());

  it('ends the session, sends a LogoutRequest to the SAML SP, then cleans up the other realm and goes on to wreply', async () => {
    const browser = spBrowser();
    await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: 'urn:federation:MicrosoftOnline' })), 'alice', PASSWORD);
    await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' }));
    const sp = await nodeSamlSp(gh.url, { id: 'sp', signingKey: 'sp-signing' });
    const samlDone = await startSso(browser, sp, 'redirect');
    const { profile } = await sp.validatePostResponseAsync(postedForm(samlDone).fields);

    const signout = `${gh.url}/adfs/ls/?wa=wsignout1.0&wtrealm=${encodeURIComponent('urn:federation:MicrosoftOnline')}&wreply=${encodeURIComponent(realmReply('m365'))}`;
    const toSp = await browser.get(signout);
    assert.ok(toSp.url.startsWith(spSlo('sp')), `the SAML SP is asked first, not ${toSp.url}`);
    const query = new URL(toSp.url).search.slice(1);
    const atSp = await sp.validateRedirectAsync(Object.fromEntries(new URL(toSp.url).searchParams), query);
    assert.equal(atSp.profile?.nameID, profile?.nameID);
    assert.match(inflateRawSync(Buffer.from(new URL(toSp.url).searchParams.get('SAMLRequest')!, 'base64')).toString(), /<samlp:LogoutRequest /);

    const last = await browser.get(await sp.getLogoutResponseUrlAsync(atSp.profile!, '', {}, true));
    assert.equal(last.status, 200);
    assert.match(last.body, /You are signed out/);
    const cleanup = `${realmReply('intranet')}?wa=wsignoutcleanup1.0`;
    assert.ok(last.body.includes(`<img src="${cleanup}"`), 'the other realm is cleaned up from the page');
    assert.ok(!last.body.includes(`${realmReply('m365')}?wa=wsignoutcleanup1.0`), 'not the realm that asked');
    assert.ok(last.body.includes(`href="${realmReply('m365')}"`), 'then on to the registered wreply');
    assert.match(last.headers.get('content-security-policy') ?? '', /img-src 'self' data: http:\/\/127\.0\.0\.1:9/);

    const again = await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' }));
    assert.match(again.body, /autocomplete="username"/, 'the SSO session is over');
    assert.ok(gh.auditEvents.some((e) => e.event === 'wsfed.signedout' && e.rp === 'm365'));
  });

  it('redirects straight to a registered wreply when there is nobody else to sign out, and ignores one that is not registered', async () => {
    const browser = spBrowser();
    await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' })), 'alice', PASSWORD);
    const done = await browser.get(`${gh.url}/adfs/ls/?wa=wsignout1.0&wtrealm=urn%3Aintranet&wreply=${encodeURIComponent(realmReply('intranet'))}`);
    assert.equal(done.url, realmReply('intranet'));
    const page = await spBrowser().get(`${gh.url}/adfs/ls/?wa=wsignout1.0&wreply=${encodeURIComponent('http://127.0.0.1:9/evil')}`);
    assert.equal(page.status, 200);
    // Nothing on the page leads there (the language menu carries this page's own path back to itself, encoded).
    assert.doesNotMatch(page.body, /(href|src|action)="http:\/\/127\.0\.0\.1:9\/evil/);
    assert.doesNotMatch(page.body, /http:\/\/127\.0\.0\.1:9\/evil/);
  });

  it('ends the session on wsignoutcleanup1.0', async () => {
    const browser = spBrowser();
    await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' })), 'alice', PASSWORD);
    const page = await browser.get(`${gh.url}/adfs/ls/?wa=wsignoutcleanup1.0`);
    assert.equal(page.status, 200);
    const again = await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' }));
    assert.match(again.body, /autocomplete="username"/);
  });
});
