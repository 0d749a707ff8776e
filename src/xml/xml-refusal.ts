/** Why an XML message was not even read: too large, carrying a DTD, not well-formed, or a signature that fails. */
export type XmlRefusalReason = 'too_large' | 'doctype' | 'malformed' | 'signature';

/** An XML message Gatehouse refuses to read; `message` says why in words safe to show. */
export class XmlRefusal extends Error {
  constructor(
    readonly reason: XmlRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'XmlRefusal';
  }
}
