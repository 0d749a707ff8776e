import assert from 'node:assert/strict';
import { createFakeClock } from '../../helpers/store-contract.js';
import { fixture, pageError, postedForm, responseXml, samlRelyingParty, samlStatus, spAcs, spBrowser } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

// The fixtures (test/fixtures/saml/make-fixtures.ts) were issued at 2030-01-01T00:00:00Z.
const FIXTURE_TIME = Date.parse('2030-01-01T00:01:00Z');

describe('AuthnRequests with wrapped signatures and hostile XML, posted to /saml/sso', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({ relyingParties: [samlRelyingParty({ id: 'spw', signingKey: 'sp-signing', wantRequestsSigned: true })] }, { clock: createFakeClock(FIXTURE_TIME) });
  });
  after(() => gh.stop());

  const post = (name: string) => spBrowser().post(`${gh.url}/saml/sso`, { SAMLRequest: Buffer.from(fixture(name)).toString('base64'), RelayState: 'relay-1' });

  async function refusedWith(name: string, pattern: RegExp): Promise<void> {
    const page = await post(name);
    assert.equal(page.status, 200, `${name}: HTTP ${page.status} ${pageError(page) ?? ''}`);
    const form = postedForm(page);
    assert.equal(form.action, spAcs('spw'), 'the error goes to the registered ACS only');
    assert.equal(form.fields.RelayState, 'relay-1');
    const status = samlStatus(responseXml(page));
    assert.deepEqual(status.codes, ['Requester', 'RequestDenied'], name);
    assert.match(status.message ?? '', pattern, name);
    assert.doesNotMatch(responseXml(page), /<saml:Assertion/);
  }

  it('accepts the legitimately signed control request and starts the sign-in with its hint', async () => {
    const page = await post('authn-request-signed.xml');
    assert.equal(page.status, 200);
    assert.match(page.body, /autocomplete="current-password"/);
    assert.match(page.body, /value="alice"/);
  });

  it('answers a request changed after signing with RequestDenied', () => refusedWith('authn-request-tampered-subject.xml', /does not verify/));
  it('answers a signed request wrapped in an unsigned one with RequestDenied', () => refusedWith('authn-request-wrapped-in-extensions.xml', /does not sign the message itself/));
  it('answers a signature moved onto an evil root with RequestDenied', () => refusedWith('authn-request-wrapped-signature-moved.xml', /does not reference the message/));
  it('answers a document with a duplicated signed ID with RequestDenied', () => refusedWith('authn-request-duplicate-id.xml', /not unique/));
  it('answers a second, attacker signature with RequestDenied', () => refusedWith('authn-request-two-signatures.xml', /more than one signature/));
  it('answers a request signed by another key with its certificate in KeyInfo with RequestDenied', () => refusedWith('authn-request-attacker-keyinfo.xml', /certificate registered/));
  it('answers an XPath transform with RequestDenied', () => refusedWith('authn-request-xpath-transform.xml', /transforms are not accepted/));
  it('answers a signature over the Issuer alone with RequestDenied', () => refusedWith('authn-request-signature-on-child.xml', /does not reference the message|transforms/));
  it('answers an RSA-SHA1 signature with RequestDenied', () => refusedWith('authn-request-sha1-signature.xml', /algorithm is not accepted/));
  it('answers an unsigned request from an SP that must sign with RequestDenied', () => refusedWith('authn-request-unsigned.xml', /must be signed/));

  it('uses the whole signed NameID as the hint when a comment splits it', async () => {
    const page = await post('authn-request-comment-in-name-id.xml');
    assert.match(page.body, /value="alice@example\.org\.evil\.test"/);
  });

  it('refuses DOCTYPE and entity payloads with a page, before anything is read', async () => {
    for (const name of ['authn-request-doctype-billion-laughs.xml', 'authn-request-external-entity.xml']) {
      const page = await post(name);
      assert.equal(page.status, 400, name);
      assert.match(pageError(page) ?? '', /DTD/);
      assert.doesNotMatch(page.body, /root:|lollol/);
    }
  });

  it('refuses malformed XML with a page', async () => {
    const page = await post('authn-request-malformed.xml');
    assert.equal(page.status, 400);
    assert.match(pageError(page) ?? '', /not well-formed/);
  });

  it('records every refusal in the audit with its reason', () => {
    const reasons = gh.auditEvents.filter((e) => e.event === 'saml.refused').map((e) => e.reason);
    assert.ok(reasons.filter((r) => r === 'bad_signature').length >= 9, reasons.join(','));
    assert.ok(reasons.includes('unsigned') && reasons.includes('doctype') && reasons.includes('malformed'), reasons.join(','));
  });
});
