/** A SAML protocol message as a binding delivered it, before its XML is read. */
export interface BoundMessage {
  binding: 'redirect' | 'post';
  kind: 'SAMLRequest' | 'SAMLResponse';
  xml: string;
  relayState?: string;
  /** HTTP-Redirect only: the query signature and the exact octets it signs (SAML bindings 3.4.4.1). */
  querySignature?: { sigAlg: string; signature: Buffer; signedOctets: string };
}
