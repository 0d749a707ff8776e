import assert from 'node:assert/strict';
import { authnRequestXml, redirectQuery } from '../../helpers/saml-requests.js';
import { nodeSamlSp, pageError, postedForm, responseXml, samlRelyingParty, samlStatus, spAcs, spBrowser } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const SIGNED = { id: 'signed', signingKey: 'sp-signing', wantRequestsSigned: true };
const OPEN = { id: 'open' };

describe('AuthnRequests Gatehouse refuses, each with the right answer', () => {
  let gh: RunningGatehouse;
  const sso = (query: string) => spBrowser().get(`${gh.url}/saml/sso?${query}`);

  before(async () => {
    gh = await startGatehouse({ relyingParties: [samlRelyingParty(SIGNED), samlRelyingParty(OPEN)] });
  });
  after(() => gh.stop());

  /** An error Response posted to the SP's registered ACS, with these status codes. */
  async function answered(query: string, codes: string[], message: RegExp, acs = spAcs('signed')): Promise<string> {
    const page = await sso(query);
    assert.equal(page.status, 200, `HTTP ${page.status}: ${pageError(page) ?? page.body.slice(0, 200)}`);
    const form = postedForm(page);
    assert.equal(form.action, acs);
    const status = samlStatus(responseXml(page));
    assert.deepEqual(status.codes, codes);
    assert.match(status.message ?? '', message);
    return responseXml(page);
  }

  /** A page, with no redirect and no form to anywhere. */
  async function page(query: string, status: number, message: RegExp): Promise<void> {
    const answer = await sso(query);
    assert.equal(answer.status, status, answer.body.slice(0, 300));
    assert.match(pageError(answer) ?? '', message);
    assert.doesNotMatch(answer.body, /SAMLResponse/);
  }

  it('shows a page for an unknown SP, and never sends anything to the address it names', async () => {
    await page(redirectQuery(authnRequestXml('nobody', { acs: 'http://127.0.0.1:9/evil/acs' })), 400, /"http:\/\/127\.0\.0\.1:9\/nobody" is not registered/);
  });

  it('shows a page for an ACS URL or index that is not registered for the SP', async () => {
    await page(redirectQuery(authnRequestXml('open', { acs: 'http://127.0.0.1:9/evil/acs' })), 400, /http:\/\/127\.0\.0\.1:9\/evil\/acs is not registered/);
    await page(redirectQuery(authnRequestXml('open', { acs: null, acsIndex: 7 })), 400, /No ACS with index 7/);
  });

  it('answers at the ACS the request names by index, or the lowest index when it names none', async () => {
    const byIndex = postedForm(await sso(redirectQuery(authnRequestXml('open', { acs: null, acsIndex: 1, issueInstant: new Date(0) }))));
    assert.equal(byIndex.action, `${spAcs('open')}2`);
    const byDefault = postedForm(await sso(redirectQuery(authnRequestXml('open', { acs: null, issueInstant: new Date(0) }))));
    assert.equal(byDefault.action, spAcs('open'));
  });

  it('answers a replayed request ID with RequestDenied, the first use being accepted', async () => {
    const query = redirectQuery(authnRequestXml('signed', { id: '_replayed-once' }), { key: 'sp-signing' });
    const first = await sso(query);
    assert.match(first.body, /autocomplete="username"/);
    await answered(query, ['Requester', 'RequestDenied'], /already used/);
  });

  it('answers a stale IssueInstant, and one from the future, with RequestDenied', async () => {
    await answered(redirectQuery(authnRequestXml('signed', { issueInstant: new Date(Date.now() - 60 * 60_000) }), { key: 'sp-signing' }), ['Requester', 'RequestDenied'], /too old/);
    await answered(redirectQuery(authnRequestXml('signed', { issueInstant: new Date(Date.now() + 60 * 60_000) }), { key: 'sp-signing' }), ['Requester', 'RequestDenied'], /in the future/);
  });

  it('answers a bad query signature, another key, SHA-1 and no signature with RequestDenied when the SP must sign', async () => {
    const xml = authnRequestXml('signed');
    const tampered = redirectQuery(xml, { key: 'sp-signing', relayState: 'a' }).replace('RelayState=a', 'RelayState=b');
    await answered(tampered, ['Requester', 'RequestDenied'], /does not verify/);
    await answered(redirectQuery(authnRequestXml('signed'), { key: 'attacker-signing' }), ['Requester', 'RequestDenied'], /does not verify/);
    await answered(redirectQuery(authnRequestXml('signed'), { key: 'sp-signing', sigAlg: 'sha1' }), ['Requester', 'RequestDenied'], /algorithm is not accepted/);
    await answered(redirectQuery(authnRequestXml('signed')), ['Requester', 'RequestDenied'], /must be signed/);
  });

  it('answers a request addressed to another endpoint with RequestDenied', async () => {
    await answered(redirectQuery(authnRequestXml('signed', { destination: 'https://other-idp.example/sso' }), { key: 'sp-signing' }), ['Requester', 'RequestDenied'], /addressed to https:\/\/other-idp\.example\/sso/);
  });

  it('answers a request for another response binding with UnsupportedBinding', async () => {
    const query = redirectQuery(authnRequestXml('signed', { protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact' }), { key: 'sp-signing' });
    await answered(query, ['Requester', 'UnsupportedBinding'], /HTTP-POST binding only/);
  });

  it('answers a NameID format it does not issue, or another SPNameQualifier, with InvalidNameIDPolicy', async () => {
    const policy = (attributes: string) => redirectQuery(authnRequestXml('signed', { inner: `<samlp:NameIDPolicy ${attributes}/>` }), { key: 'sp-signing' });
    await answered(policy('Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName"'), ['Requester', 'InvalidNameIDPolicy'], /not offered/);
    await answered(policy('SPNameQualifier="https://affiliation.example"'), ['Requester', 'InvalidNameIDPolicy'], /SPNameQualifier/);
  });

  it('answers an authentication context it cannot satisfy with NoAuthnContext', async () => {
    const inner = '<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>';
    await answered(redirectQuery(authnRequestXml('signed', { inner }), { key: 'sp-signing' }), ['Requester', 'NoAuthnContext'], /not offered/);
  });

  it('shows a page for a request in another SAML version, since nothing in it can be read', async () => {
    const xml = authnRequestXml('signed').replace('Version="2.0"', 'Version="1.1"');
    await page(redirectQuery(xml, { key: 'sp-signing' }), 400, /Only SAML 2\.0/);
  });

  it('shows a page for oversized, DEFLATE-bomb, non-base64, non-XML and repeated-parameter requests', async () => {
    const huge = authnRequestXml('open', { inner: `<samlp:Extensions><x>${'a'.repeat(70_000)}</x></samlp:Extensions>` });
    await page(redirectQuery(huge), 413, /larger than|inflates to more/);
    const bomb = `SAMLRequest=${encodeURIComponent((await import('node:zlib')).deflateRawSync(Buffer.alloc(5_000_000, 0x61)).toString('base64'))}`;
    await page(bomb, 413, /inflates to more than/);
    await page('SAMLRequest=not*base64', 400, /not base64/);
    await page(redirectQuery('just text, no XML'), 400, /not well-formed/);
    const one = redirectQuery(authnRequestXml('open'));
    await page(`${one}&${one}`, 400, /repeated/);
  });

  it('shows a page for an HTTP-POST request that is oversized or malformed', async () => {
    const huge = await spBrowser().post(`${gh.url}/saml/sso`, { SAMLRequest: Buffer.from(authnRequestXml('open', { inner: 'x'.repeat(200_000) })).toString('base64') });
    assert.equal(huge.status, 413);
    const garbage = await spBrowser().post(`${gh.url}/saml/sso`, { SAMLRequest: Buffer.from('<samlp:AuthnRequest').toString('base64') });
    assert.equal(garbage.status, 400);
  });

  it('refuses a structure it cannot read: two Issuers with a page, two NameIDPolicy elements with RequestDenied', async () => {
    const twoIssuers = authnRequestXml('open').replace('</saml:Issuer>', '</saml:Issuer><saml:Issuer>http://127.0.0.1:9/signed</saml:Issuer>');
    await page(redirectQuery(twoIssuers), 400, /more than one Issuer/);
    const inner = '<samlp:NameIDPolicy/><samlp:NameIDPolicy/>';
    await answered(redirectQuery(authnRequestXml('signed', { inner }), { key: 'sp-signing' }), ['Requester', 'RequestDenied'], /more than one NameIDPolicy/);
  });

  it('shows a page for IdP-initiated sign-in to an SP that has not enabled it', async () => {
    await page(`loginToRp=${encodeURIComponent('http://127.0.0.1:9/open')}`, 400, /not enabled for SP open/);
    await page('loginToRp=urn%3Anobody', 400, /not registered/);
  });

  it('lets an SP that does not require signing send unsigned requests', async () => {
    const sp = await nodeSamlSp(gh.url, OPEN);
    const accepted = await spBrowser().get(await sp.getAuthorizeUrlAsync('', undefined, {}));
    assert.match(accepted.body, /autocomplete="username"/);
  });

  it('reads a signed request from an SP without a registered certificate as unsigned: there is nothing to check it with', async () => {
    const unchecked = await sso(redirectQuery(authnRequestXml('open'), { key: 'attacker-signing' }));
    assert.match(unchecked.body, /autocomplete="username"/);
  });

  it('records each refusal in the audit with its reason', () => {
    const reasons = new Set(gh.auditEvents.filter((e) => e.event === 'saml.refused').map((e) => e.reason));
    for (const reason of ['unknown_sp', 'unregistered_acs', 'replayed', 'stale_request', 'bad_signature', 'unsigned', 'wrong_destination', 'too_large', 'malformed', 'invalid_name_id_policy', 'no_authn_context']) {
      assert.ok(reasons.has(reason), `no saml.refused with reason ${reason} in ${[...reasons].join(',')}`);
    }
  });
});
