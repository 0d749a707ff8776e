import assert from 'node:assert/strict';
import { pageError, signIn, spBrowser } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { federationCertificate, realmReply, receiveToken, signinUrl } from '../../helpers/wsfed-rp.js';

const PASSWORD = 'correct horse battery';
const MSOL = 'urn:federation:MicrosoftOnline';
const UPN = 'http://schemas.xmlsoap.org/claims/UPN';
const IMMUTABLE_ID = 'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID';
const AMR = 'http://schemas.microsoft.com/claims/authnmethodsreferences';

describe('WS-Federation passive sign-in at /adfs/ls/', () => {
  let gh: RunningGatehouse;
  let certificate: string;

  before(async () => {
    gh = await startGatehouse({
      relyingParties: [
        { type: 'wsfed', id: 'm365', name: 'Microsoft 365', realm: MSOL, reply: realmReply('m365'), token: 'saml11', claims: { upn: 'userPrincipalName', immutableId: 'objectGUID' } },
        { type: 'wsfed', id: 'intranet', realm: 'urn:intranet', reply: realmReply('intranet'), token: 'saml20', claims: { emailaddress: 'mail', groups: 'groups', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'userPrincipalName' } },
      ],
    });
    await gh.addUser('alice@example.org', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org', groups: ['staff'] });
    certificate = await federationCertificate(gh.url);
  });
  after(() => gh.stop());

  it('posts a signed SAML 1.1 token in an RSTR to the registered reply URL, with wctx, for a hybrid tenant', async () => {
    const browser = spBrowser();
    const started = Date.now();
    const page = await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wctx: 'LoginOptions=3&estsredirect=abc', whr: 'example.org' }));
    const token = await receiveToken(await signIn(browser, page, 'alice@example.org', PASSWORD), certificate);
    const user = await gh.gatehouse.registry.directory.findUser('alice@example.org');
    assert.equal(token.action, realmReply('m365'));
    assert.equal(token.wa, 'wsignin1.0');
    assert.equal(token.wctx, 'LoginOptions=3&estsredirect=abc');
    assert.equal(token.version, '1.1');
    assert.equal(token.issuer, `${gh.url}/saml/metadata`);
    assert.equal(token.audience, MSOL);
    assert.equal(token.appliesTo, MSOL);
    assert.equal(token.nameIdentifier, user!.immutableId, 'the NameIdentifier is the ImmutableID, which the tenant matches on');
    assert.equal(token.nameIdentifierFormat, 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    assert.deepEqual(token.claims[UPN], ['alice@example.org']);
    assert.deepEqual(token.claims[IMMUTABLE_ID], [user!.immutableId]);
    assert.deepEqual(token.claims[AMR], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password']);
    assert.equal(token.authenticationMethod, 'urn:oasis:names:tc:SAML:1.0:am:password');
    assert.ok(token.notBefore <= Date.now() && token.notOnOrAfter > started, 'valid now');
    assert.match(token.rstr, /<t:TokenType>urn:oasis:names:tc:SAML:1\.0:assertion<\/t:TokenType>/);
    assert.ok(gh.auditEvents.some((e) => e.event === 'wsfed.issued' && e.rp === 'm365'));
  });

  it('issues a SAML 2.0 token for a realm set to saml20, with the claims it maps', async () => {
    const browser = spBrowser();
    const page = await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet', wreply: realmReply('intranet') }));
    const token = await receiveToken(await signIn(browser, page, 'alice@example.org', PASSWORD), certificate);
    assert.equal(token.version, '2.0');
    assert.equal(token.audience, 'urn:intranet');
    assert.equal(token.wctx, undefined);
    assert.deepEqual(token.claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'], ['alice@example.org']);
    assert.deepEqual(token.claims['http://schemas.xmlsoap.org/claims/Group'], ['staff']);
    assert.deepEqual(token.claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'], ['alice@example.org']);
    assert.equal(token.authenticationMethod, 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
    assert.match(token.rstr, /<t:TokenType>urn:oasis:names:tc:SAML:2\.0:assertion<\/t:TokenType>/);
  });

  it('skips the username page when the request carries a username hint', async () => {
    const page = await spBrowser().get(signinUrl(gh.url, { wtrealm: MSOL, username: 'alice@example.org' }));
    assert.match(page.body, /autocomplete="current-password"/);
    assert.match(page.body, /value="alice@example\.org"/);
  });

  it('re-uses the SSO session for another realm, and asks for the password again with wfresh=0', async () => {
    const browser = spBrowser();
    await signIn(browser, await browser.get(signinUrl(gh.url, { wtrealm: MSOL })), 'alice@example.org', PASSWORD);
    const silent = await receiveToken(await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet' })), certificate);
    assert.equal(silent.audience, 'urn:intranet');
    const recent = await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet', wfresh: '60' }));
    assert.equal((await receiveToken(recent, certificate)).audience, 'urn:intranet', 'a sign-in of the last hour is fresh enough for wfresh=60');
    const fresh = await browser.get(signinUrl(gh.url, { wtrealm: 'urn:intranet', wfresh: '0' }));
    assert.match(fresh.body, /autocomplete="username"/);
  });

  it('accepts the request by POST too', async () => {
    const browser = spBrowser();
    const page = await browser.post(`${gh.url}/adfs/ls/`, { wa: 'wsignin1.0', wtrealm: MSOL, wctx: 'posted' });
    const token = await receiveToken(await signIn(browser, page, 'alice@example.org', PASSWORD), certificate);
    assert.equal(token.wctx, 'posted');
  });

  it('posts a SOAP fault to the reply URL when the sign-in fails, after the failure page', async () => {
    const browser = spBrowser();
    let page = await browser.get(signinUrl(gh.url, { wtrealm: MSOL, wctx: 'failing' }));
    page = await browser.submit(page, { username: 'alice@example.org' });
    for (let i = 0; i < 5; i++) page = await browser.submit(page, { password: 'wrong password!' }, 0);
    assert.equal(page.status, 403);
    const back = /<a class="button" href="([^"]+)">Return to Microsoft 365<\/a>/.exec(page.body)?.[1];
    assert.ok(back, `the failure page links back to the application: ${pageError(page)}`);
    const answer = await browser.get(new URL(back.replace(/&amp;/g, '&'), gh.url).toString());
    const form = /<form method="post" action="([^"]+)"/.exec(answer.body)?.[1];
    assert.equal(form, realmReply('m365'));
    assert.match(answer.body, /name="wresult" value="&lt;s:Fault [^"]*wst:FailedAuthentication/);
    assert.match(answer.body, /name="wctx" value="failing"/);
  });
});
