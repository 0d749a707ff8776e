import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { MAX_XML_BYTES, parseXml, XmlRefusal } from '../../../../src/xml/index.js';
import { readPostMessage } from '../../../../src/protocols/saml/bindings/read-post-message.js';
import { readRedirectMessage } from '../../../../src/protocols/saml/bindings/read-redirect-message.js';
import { fixture } from '../../../helpers/saml-sp.js';

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof XmlRefusal, String(error));
    return error.reason;
  }
  assert.fail('accepted');
}

const query = (xml: string | Buffer, extra = '') => `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}${extra}`;

describe('reading XML from relying parties safely', () => {
  it('refuses a DOCTYPE before parsing, so entities are never expanded', () => {
    assert.equal(reason(() => parseXml(fixture('authn-request-doctype-billion-laughs.xml'))), 'doctype');
    assert.equal(reason(() => parseXml(fixture('authn-request-external-entity.xml'))), 'doctype');
  });

  it('refuses a document that is not well-formed instead of reading what the parser recovered', () => {
    assert.equal(reason(() => parseXml(fixture('authn-request-malformed.xml'))), 'malformed');
    assert.equal(reason(() => parseXml('<a x="1" x="2"/>')), 'malformed');
    assert.equal(reason(() => parseXml('')), 'malformed');
  });

  it('refuses a document over the size limit', () => {
    assert.equal(reason(() => parseXml(`<a>${'x'.repeat(MAX_XML_BYTES)}</a>`)), 'too_large');
  });

  it('stops inflating an HTTP-Redirect message at the size limit (a deflate bomb)', () => {
    const bomb = Buffer.alloc(50 * 1024 * 1024, 0x20);
    assert.equal(reason(() => readRedirectMessage(query(bomb))), 'too_large');
  });

  it('refuses HTTP-Redirect messages that are not base64, not DEFLATE, or repeat a parameter', () => {
    assert.equal(reason(() => readRedirectMessage('SAMLRequest=%%%')), 'malformed');
    assert.equal(reason(() => readRedirectMessage(`SAMLRequest=${encodeURIComponent(Buffer.from('<a/>').toString('base64'))}`)), 'malformed');
    assert.equal(reason(() => readRedirectMessage(`${query('<a/>')}&${query('<b/>')}`)), 'malformed');
    assert.equal(reason(() => readRedirectMessage('RelayState=x')), 'malformed');
  });

  it('keeps the raw query octets a redirect signature covers, in the order the binding defines', () => {
    const message = readRedirectMessage(`Signature=c2ln&SigAlg=http%3A%2F%2Fx&${query('<a/>')}&RelayState=a%20b`);
    assert.equal(message.relayState, 'a b');
    assert.match(message.querySignature!.signedOctets, /^SAMLRequest=[^&]+&RelayState=a%20b&SigAlg=http%3A%2F%2Fx$/);
  });

  it('reads HTTP-POST messages plain (as the binding says) and DEFLATEd (as node-saml sends by default)', () => {
    const xml = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>';
    assert.equal(readPostMessage({ SAMLRequest: Buffer.from(xml).toString('base64') }).xml, xml);
    assert.equal(readPostMessage({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64') }).xml, xml);
    assert.equal(reason(() => readPostMessage({ SAMLRequest: ['a', 'b'] })), 'malformed');
    assert.equal(reason(() => readPostMessage({ SAMLRequest: 'x'.repeat(200_000) })), 'too_large');
    assert.equal(reason(() => readPostMessage({ SAMLRequest: Buffer.from([0xc3, 0x28, 0x3c]).toString('base64') })), 'malformed');
  });
});
