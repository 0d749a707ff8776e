import assert from 'node:assert/strict';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { signIn, spBrowser } from '../../helpers/saml-sp.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { federationCertificate, realmReply, receiveToken, signinUrl } from '../../helpers/wsfed-rp.js';
import { enrollTotp } from '../mfa/mfa-flows.js';

const PASSWORD = 'correct horse battery';
const MSOL = 'urn:federation:MicrosoftOnline';
const MULTIPLE_AUTHN = 'http://schemas.microsoft.com/claims/multipleauthn';
const AMR = 'http://schemas.microsoft.com/claims/authnmethodsreferences';

describe('step-up through WS-Federation wauth', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let certificate: string;
  let aliceKey: string;

  before(async () => {
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({ relyingParties: [{ type: 'wsfed', id: 'm365', realm: MSOL, reply: realmReply('m365'), token: 'saml11' }, { type: 'wsfed', id: 'intranet', realm: 'urn:intranet', reply: realmReply('intranet'), token: 'saml20' }] }, { clock });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
    await gh.addUser('bob', PASSWORD, { email: 'bob@example.org' });
    aliceKey = await enrollTotp(gh, 'alice', clock);
    certificate = await federationCertificate(gh.url);
  });
  after(() => gh.stop());
  beforeEach(() => clock.advance(30_000));

  it('moves a sign-in with wauth=multipleauthn into the MFA step', async () => {
    const browser = spBrowser();
    const page = await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wauth: MULTIPLE_AUTHN })), 'bob', PASSWORD);
    assert.match(page.body, /More information required/);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'access.decided' && e.uniqueId === 'bob').at(-1)?.reason, 'requires mfa');
  });

  it('gives the hybrid tenant the multipleauthn claim and authentication method once MFA ran, so the cloud can trust it', async () => {
    const browser = spBrowser();
    const page = await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wauth: MULTIPLE_AUTHN })), 'alice', PASSWORD);
    const done = await browser.submit(page, { code: await oathtoolTotp(aliceKey, clock.now() / 1000) });
    const token = await receiveToken(done, certificate);
    assert.deepEqual(token.claims[AMR], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password', MULTIPLE_AUTHN]);
    assert.equal(token.authenticationMethod, MULTIPLE_AUTHN);
  });

  it('says so in a SAML 2.0 token too, and does not ask again for the SSO session that did MFA', async () => {
    const browser = spBrowser();
    const page = await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wauth: MULTIPLE_AUTHN })), 'alice', PASSWORD);
    await browser.submit(page, { code: await oathtoolTotp(aliceKey, clock.now() / 1000) });
    const token = await receiveToken(await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet', wauth: MULTIPLE_AUTHN })), certificate);
    assert.equal(token.version, '2.0');
    assert.equal(token.authenticationMethod, MULTIPLE_AUTHN);
    assert.ok(token.claims[AMR]!.includes(MULTIPLE_AUTHN));
  });

  it('asks for no second factor when wauth asks for a password only', async () => {
    const browser = spBrowser();
    const done = await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wauth: 'urn:oasis:names:tc:SAML:1.0:am:password' })), 'alice', PASSWORD);
    const token = await receiveToken(done, certificate);
    assert.equal(token.authenticationMethod, 'urn:oasis:names:tc:SAML:1.0:am:password');
    assert.ok(!token.claims[AMR]!.includes(MULTIPLE_AUTHN));
  });
});
