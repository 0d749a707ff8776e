import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { redirectUrl, verifyQuerySignature } from '../../../../src/protocols/saml/bindings/query-signature.js';
import { readRedirectMessage } from '../../../../src/protocols/saml/bindings/read-redirect-message.js';
import { XmlRefusal } from '../../../../src/xml/index.js';
import { fixture } from '../../../helpers/saml-sp.js';

const KEY = { privateKey: fixture('sp-signing.key'), certificateDer: '', certificatePem: fixture('sp-signing.pem') };
const XML = '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0"/>';

describe('HTTP-Redirect query signatures', () => {
  it('signs a message that the reading side verifies, with the RelayState covered', () => {
    const url = new URL(redirectUrl('https://sp.example/slo?tenant=1', 'SAMLRequest', XML, 'state & more', KEY));
    assert.equal(url.searchParams.get('tenant'), '1');
    assert.equal(inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString(), XML);
    const message = readRedirectMessage(url.search.slice(1));
    assert.equal(message.relayState, 'state & more');
    verifyQuerySignature(message.querySignature!, KEY.certificatePem);
  });

  it('refuses a signature over other octets, by another key, or with SHA-1', () => {
    const url = redirectUrl('https://sp.example/slo', 'SAMLResponse', XML, 'a', KEY);
    const tampered = readRedirectMessage(url.split('?')[1]!.replace('RelayState=a', 'RelayState=b'));
    assert.throws(() => verifyQuerySignature(tampered.querySignature!, KEY.certificatePem), XmlRefusal);
    const good = readRedirectMessage(url.split('?')[1]!);
    assert.throws(() => verifyQuerySignature(good.querySignature!, fixture('attacker-signing.pem')), XmlRefusal);
    assert.throws(() => verifyQuerySignature({ ...good.querySignature!, sigAlg: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' }, KEY.certificatePem), /not accepted/);
  });
});
