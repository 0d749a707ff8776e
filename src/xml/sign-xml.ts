import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { ALGORITHMS } from './namespaces.js';

/**
 * The key that signs, and its certificate as base64 DER for KeyInfo. A parsed KeyObject (as src/keys gives it)
 * saves parsing a PEM key on every signature.
 */
export interface XmlSigningKey {
  privateKey: KeyObject | string;
  certificateDer: string;
}

export interface SignXmlOptions {
  /** The ID attribute of the root element the signature covers (SAML 1.1 calls it AssertionID). */
  idAttribute?: string;
  /**
   * Where the ds:Signature goes among the root's children: after the root's child with this local name (SAML 2.0
   * puts it after Issuer), `first` (metadata), or `last` (SAML 1.1 assertions).
   */
  placement: { after: string } | 'first' | 'last';
}

/**
 * Signs the root element of `xml` with an enveloped signature: RSA-SHA256 over exclusive C14N, one Reference to
 * the root's ID, the certificate in KeyInfo.
 */
export function signXml(xml: string, key: XmlSigningKey, options: SignXmlOptions): string {
  const signer = new SignedXml({
    privateKey: key.privateKey,
    // KeyInfo from the DER Gatehouse already holds, rather than xml-crypto parsing the certificate each time.
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : '';
      return `<${p}X509Data><${p}X509Certificate>${key.certificateDer}</${p}X509Certificate></${p}X509Data>`;
    },
    signatureAlgorithm: ALGORITHMS.rsaSha256,
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
    ...(options.idAttribute ? { idAttribute: options.idAttribute } : {}),
  });
  signer.addReference({ xpath: '/*', transforms: [ALGORITHMS.envelopedSignature, ALGORITHMS.excC14n], digestAlgorithm: ALGORITHMS.sha256 });
  const { placement } = options;
  const location =
    placement === 'first'
      ? { reference: '/*', action: 'prepend' as const }
      : placement === 'last'
        ? { reference: '/*', action: 'append' as const }
        : { reference: `/*/*[local-name(.)='${placement.after}']`, action: 'after' as const };
  signer.computeSignature(xml, { prefix: 'ds', location });
  return signer.getSignedXml();
}
