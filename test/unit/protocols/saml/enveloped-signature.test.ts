import assert from 'node:assert/strict';
import { attribute, NS, parseXml, textOf, verifyEnvelopedSignature, XmlRefusal } from '../../../../src/xml/index.js';
import { fixture } from '../../../helpers/saml-sp.js';

const SP_CERT = fixture('sp-signing.pem');
const ATTACKER_CERT = fixture('attacker-signing.pem');

function verify(name: string, certificates = [SP_CERT]): Element {
  const xml = fixture(name);
  return verifyEnvelopedSignature(parseXml(xml), xml, certificates);
}

function refusal(name: string): string {
  try {
    verify(name);
  } catch (error) {
    assert.ok(error instanceof XmlRefusal, `${name}: ${String(error)}`);
    assert.equal(error.reason, 'signature');
    return error.message;
  }
  assert.fail(`${name} was accepted`);
}

describe('verifying an enveloped signature without being wrapped', () => {
  it('accepts a legitimately signed request and returns the element as signed, without its signature', () => {
    const element = verify('authn-request-signed.xml');
    assert.equal(element.localName, 'AuthnRequest');
    assert.equal(attribute(element, 'ID'), '_wrap-control');
    assert.equal(element.getElementsByTagNameNS(NS.ds, 'Signature').length, 0);
    assert.equal(textOf(element.getElementsByTagNameNS(NS.saml, 'NameID')[0]), 'alice');
  });

  it('refuses a request changed after signing', () => {
    assert.match(refusal('authn-request-tampered-subject.xml'), /does not verify/);
  });

  it('refuses a signed request hidden in the Extensions of an unsigned one', () => {
    assert.match(refusal('authn-request-wrapped-in-extensions.xml'), /does not sign the message itself/);
  });

  it('refuses a signature moved to an evil root with the signed original inside its Object', () => {
    assert.match(refusal('authn-request-wrapped-signature-moved.xml'), /does not reference the message/);
  });

  it('refuses a document in which two elements carry the signed ID', () => {
    assert.match(refusal('authn-request-duplicate-id.xml'), /not unique/);
  });

  it('refuses a second signature beside the first', () => {
    assert.match(refusal('authn-request-two-signatures.xml'), /more than one signature/);
  });

  it('ignores KeyInfo: a request signed by another key with its own certificate does not verify', () => {
    assert.match(refusal('authn-request-attacker-keyinfo.xml'), /does not verify with the certificate registered/);
  });

  it('refuses transforms other than enveloped-signature and exclusive C14N', () => {
    assert.match(refusal('authn-request-xpath-transform.xml'), /transforms are not accepted/);
  });

  it('refuses a signature that covers a child element rather than the request', () => {
    assert.match(refusal('authn-request-signature-on-child.xml'), /does not reference the message|transforms are not accepted/);
  });

  it('refuses RSA-SHA1', () => {
    assert.match(refusal('authn-request-sha1-signature.xml'), /algorithm is not accepted/);
  });

  it('refuses an unsigned document', () => {
    assert.match(refusal('authn-request-unsigned.xml'), /not signed/);
  });

  it('reads a NameID with a comment in it as the whole signed text', () => {
    const element = verify('authn-request-comment-in-name-id.xml');
    assert.equal(textOf(element.getElementsByTagNameNS(NS.saml, 'NameID')[0]), 'alice@example.org.evil.test');
  });

  it('tries each given certificate, so a rollover of the SP key verifies with either', () => {
    assert.equal(attribute(verify('authn-request-signed.xml', [ATTACKER_CERT, SP_CERT]), 'ID'), '_wrap-control');
    assert.throws(() => verify('authn-request-signed.xml', [ATTACKER_CERT]), XmlRefusal);
  });
});
