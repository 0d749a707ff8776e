import assert from 'node:assert/strict';
import { loadOrCreateKeys, rolloverKeys, type KeySet } from '../../../src/keys/index.js';
import { metadataCertificates, nodeSamlSp, postedForm, samlRelyingParty, signIn, spBrowser, startSso } from '../../helpers/saml-sp.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { federationCertificate } from '../../helpers/wsfed-rp.js';
import { xmlsecVerify } from '../../helpers/xmlsec.js';

const PASSWORD = 'correct horse battery';
const get = async (url: string) => {
  const response = await fetch(url);
  return { type: response.headers.get('content-type') ?? '', body: await response.text() };
};

describe('SAML and federation metadata', () => {
  let gh: RunningGatehouse;
  let keysDir: string;
  let keys: KeySet;

  before(async () => {
    keysDir = await makeTempDir('gatehouse-keys-');
    await loadOrCreateKeys({ dir: keysDir, organizationName: 'Gatehouse' });
    keys = await rolloverKeys({ dir: keysDir, organizationName: 'Gatehouse' });
    gh = await startGatehouse({ keys: { dir: keysDir }, relyingParties: [samlRelyingParty({ id: 'sp' })] });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
  });
  after(async () => {
    await gh.stop();
    await removeTempDir(keysDir);
  });

  it('describes the IdP at /saml/metadata: entity id, SSO and SLO for both bindings, NameID formats', async () => {
    const { type, body } = await get(`${gh.url}/saml/metadata`);
    assert.match(type, /application\/samlmetadata\+xml/);
    assert.match(body, new RegExp(`entityID="${gh.url}/saml/metadata"`));
    for (const service of ['SingleSignOnService', 'SingleLogoutService']) {
      const path = service === 'SingleSignOnService' ? 'sso' : 'slo';
      for (const binding of ['HTTP-Redirect', 'HTTP-POST']) {
        assert.match(body, new RegExp(`<md:${service} Binding="urn:oasis:names:tc:SAML:2\\.0:bindings:${binding}" Location="${gh.url}/saml/${path}"/>`));
      }
    }
    for (const format of ['1.1:nameid-format:emailAddress', '2.0:nameid-format:persistent', '2.0:nameid-format:transient', '1.1:nameid-format:unspecified']) {
      assert.ok(body.includes(`<md:NameIDFormat>urn:oasis:names:tc:SAML:${format}</md:NameIDFormat>`), format);
    }
    assert.ok(body.includes('<md:NameIDFormat>http://schemas.xmlsoap.org/claims/UPN</md:NameIDFormat>'));
    assert.match(body, /WantAuthnRequestsSigned="false"/);
  });

  it('publishes both the signing and the next certificate during a rollover, and signs with the signing one', async () => {
    assert.ok(keys.next, 'the rollover made a next key');
    assert.deepEqual(await metadataCertificates(gh.url), [keys.signing.certificateDer, keys.next.certificateDer]);
    const { body } = await get(`${gh.url}/saml/metadata`);
    assert.ok((await xmlsecVerify(body, keys.signing.certificatePem)).ok, 'xmlsec1 verifies the metadata with the signing certificate');
    assert.equal((await xmlsecVerify(body, keys.next.certificatePem)).ok, false);
  });

  it('lets an SP that trusts the metadata certificates accept the Response', async () => {
    const sp = await nodeSamlSp(gh.url, { id: 'sp' });
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'alice', PASSWORD);
    assert.equal((await sp.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
  });

  it('serves signed AD FS federation metadata with the STS role and the IdP role, as hybrid tenants import it', async () => {
    const { type, body } = await get(`${gh.url}/FederationMetadata/2007-06/FederationMetadata.xml`);
    assert.match(type, /xml/);
    assert.ok((await xmlsecVerify(body, keys.signing.certificatePem)).ok, 'xmlsec1 verifies the federation metadata');
    assert.match(body, /^<md:EntityDescriptor [^>]*entityID="[^"]+\/saml\/metadata"[^>]*><ds:Signature/);
    assert.match(body, /<md:RoleDescriptor [^>]*xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http:\/\/docs\.oasis-open\.org\/wsfed\/federation\/200706">/);
    assert.match(body, new RegExp(`<fed:PassiveRequestorEndpoint><wsa:EndpointReference [^>]*><wsa:Address>${gh.url}/adfs/ls/</wsa:Address>`));
    assert.match(body, /<fed:TokenType Uri="urn:oasis:names:tc:SAML:1\.0:assertion"\/><fed:TokenType Uri="urn:oasis:names:tc:SAML:2\.0:assertion"\/>/);
    for (const claim of ['http://schemas.xmlsoap.org/claims/UPN', 'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID', 'http://schemas.microsoft.com/claims/authnmethodsreferences']) {
      assert.ok(body.includes(`Uri="${claim}"`), claim);
    }
    assert.match(body, /<md:IDPSSODescriptor /);
    const role = /<md:RoleDescriptor[\s\S]*<\/md:RoleDescriptor>/.exec(body)![0];
    assert.equal((role.match(/<md:KeyDescriptor use="signing">/g) ?? []).length, 2, 'both certificates in the STS role too');
    assert.equal(await federationCertificate(gh.url), keys.signing.certificatePem.replace(/\r/g, ''));
  });
});

describe('SAML metadata with a configured entity id', () => {
  it('issues as saml.entityId and says so in the metadata and in assertions', async () => {
    const gh = await startGatehouse({ saml: { entityId: 'urn:example:idp', wantAuthnRequestsSigned: false }, relyingParties: [samlRelyingParty({ id: 'sp' })] });
    try {
      await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
      assert.match((await get(`${gh.url}/saml/metadata`)).body, /entityID="urn:example:idp"/);
      const sp = await nodeSamlSp(gh.url, { id: 'sp' }, { idpIssuer: 'urn:example:idp' });
      const browser = spBrowser();
      const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'alice', PASSWORD);
      assert.equal((await sp.validatePostResponseAsync(postedForm(done).fields)).profile?.issuer, 'urn:example:idp');
    } finally {
      await gh.stop();
    }
  });
});
