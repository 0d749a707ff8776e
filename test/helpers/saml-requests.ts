import { randomBytes, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { fixture, spAcs, spBase } from './saml-sp.js';

/** Hand-made SAML requests, for what node-saml will not send: stale, replayed, misaddressed, oversized. */
export interface RequestOptions {
  id?: string;
  issuer?: string;
  acs?: string | null;
  acsIndex?: number;
  issueInstant?: Date;
  destination?: string;
  protocolBinding?: string;
  /** Inner XML after the Issuer (NameIDPolicy, RequestedAuthnContext, Subject…). */
  inner?: string;
  root?: string;
}

export function authnRequestXml(spId: string, options: RequestOptions = {}): string {
  const acs = options.acs === null ? '' : ` AssertionConsumerServiceURL="${options.acs ?? spAcs(spId)}"`;
  const index = options.acsIndex !== undefined ? ` AssertionConsumerServiceIndex="${options.acsIndex}"` : '';
  const destination = options.destination ? ` Destination="${options.destination}"` : '';
  const binding = options.protocolBinding ? ` ProtocolBinding="${options.protocolBinding}"` : '';
  const root = options.root ?? 'AuthnRequest';
  return (
    `<samlp:${root} xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${options.id ?? `_${randomBytes(16).toString('hex')}`}" Version="2.0"` +
    ` IssueInstant="${(options.issueInstant ?? new Date()).toISOString()}"${acs}${index}${destination}${binding}>` +
    `<saml:Issuer>${options.issuer ?? spBase(spId)}</saml:Issuer>${options.inner ?? ''}</samlp:${root}>`
  );
}

/** An HTTP-Redirect query for a message, signed (RSA-SHA256 unless told) with a fixture key when one is named. */
export function redirectQuery(xml: string, options: { relayState?: string; key?: string; sigAlg?: 'sha1' | 'sha256'; kind?: 'SAMLRequest' | 'SAMLResponse' } = {}): string {
  const parts = [`${options.kind ?? 'SAMLRequest'}=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}`];
  if (options.relayState !== undefined) parts.push(`RelayState=${encodeURIComponent(options.relayState)}`);
  if (!options.key) return parts.join('&');
  const sha1 = options.sigAlg === 'sha1';
  parts.push(`SigAlg=${encodeURIComponent(sha1 ? 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`);
  const signature = sign(sha1 ? 'sha1' : 'sha256', Buffer.from(parts.join('&')), fixture(`${options.key}.key`)).toString('base64');
  return `${parts.join('&')}&Signature=${encodeURIComponent(signature)}`;
}

/** Signs a message as an SP would for HTTP-POST: enveloped RSA-SHA256 signature after the Issuer, by a fixture key. */
export function signAsSp(xml: string, keyName = 'sp-signing'): string {
  const signer = new SignedXml({
    privateKey: fixture(`${keyName}.key`),
    publicCert: fixture(`${keyName}.pem`),
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({ xpath: '/*', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: "/*/*[local-name(.)='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}
