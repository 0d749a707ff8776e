import assert from 'node:assert/strict';
import { buildConfig, ConfigError } from '../../../../src/config/index.js';
import { loadServiceProviders } from '../../../../src/protocols/saml/index.js';
import { fixturePath } from '../../../helpers/saml-sp.js';

const acs = [{ url: 'https://sp.example/acs', binding: 'post' as const, index: 0 }];

describe('reading the SAML service providers from config', () => {
  it('reads certificates and defaults: entity id from the id, assertion signed, emailAddress NameID', () => {
    const providers = loadServiceProviders(buildConfig({ relyingParties: [{ type: 'saml', id: 'sp', acs, signingCertificate: fixturePath('sp-signing.pem') }] }));
    const sp = providers.byEntityId('sp')!;
    assert.equal(sp.id, 'sp');
    assert.match(sp.signingCertificate!, /^-----BEGIN CERTIFICATE-----/);
    assert.deepEqual(sp.sign, { assertion: true, response: false });
    assert.deepEqual(sp.nameId, { format: 'emailAddress', attribute: 'mail' });
    assert.equal(sp.wantRequestsSigned, false);
    assert.equal(providers.byId('sp'), sp);
  });

  it('makes every SP sign its requests when saml.wantAuthnRequestsSigned is set', () => {
    const providers = loadServiceProviders(buildConfig({ saml: { wantAuthnRequestsSigned: true }, relyingParties: [{ type: 'saml', id: 'sp', acs, signingCertificate: fixturePath('sp-signing.pem') }] }));
    assert.equal(providers.byId('sp')!.wantRequestsSigned, true);
  });

  it('reports every problem at once, each with its key', () => {
    const config = buildConfig({
      relyingParties: [
        { type: 'saml', id: 'a', acs, signingCertificate: '/nonexistent/a.pem' },
        { type: 'saml', id: 'b', acs: [...acs, { url: 'https://sp.example/acs2', binding: 'redirect', index: 0 }], wantRequestsSigned: true },
        { type: 'saml', id: 'c', acs, encryptionCertificate: fixturePath('sp-signing.key') },
      ],
    });
    try {
      loadServiceProviders(config);
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.path), [
        'relyingParties[0].signingCertificate',
        'relyingParties[1].signingCertificate',
        'relyingParties[1].acs[1].binding',
        'relyingParties[1].acs',
        'relyingParties[2].encryptionCertificate',
      ]);
    }
  });

  it('refuses a configuration that signs neither the assertion nor the response', () => {
    assert.throws(() => buildConfig({ relyingParties: [{ type: 'saml', id: 'a', acs, sign: { assertion: false, response: false } }] }), /relyingParties\[0\]\.sign/);
  });
});
