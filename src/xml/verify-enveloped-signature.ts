import { SignedXml } from 'xml-crypto';
import { allElements, attribute, childElements } from './dom.js';
import { ALGORITHMS, NS } from './namespaces.js';
import { parseXml } from './parse-xml.js';
import { XmlRefusal } from './xml-refusal.js';

const SIGNATURE_METHODS = new Set<string>([ALGORITHMS.rsaSha256, ALGORITHMS.rsaSha512]);
const DIGEST_METHODS = new Set<string>([ALGORITHMS.sha256, ALGORITHMS.sha512]);
const TRANSFORMS = new Set<string>([ALGORITHMS.envelopedSignature, ALGORITHMS.excC14n]);
/** The attribute names xml-crypto resolves a Reference URI against; an ID must be unique across all of them. */
const ID_NAMES = new Set(['ID', 'Id', 'id']);
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

/**
 * Verifies the enveloped signature of a document's root element and returns the root AS SIGNED: the canonical XML
 * the signature covers, parsed again. Callers read only that element, never the original document, so nothing the
 * signature does not cover can be read (signature wrapping).
 *
 * Refused: no signature or more than one; a signature that is not a child of the root; anything but exactly one
 * Reference, to `#<root ID>`; a root ID that another element also carries; transforms other than
 * enveloped-signature and exclusive C14N; SHA-1 (or any algorithm but RSA-SHA256/512 with SHA-256/512). KeyInfo
 * is ignored: only the given certificates are tried.
 */
export function verifyEnvelopedSignature(doc: Document, xml: string, certificatesPem: readonly string[]): Element {
  const root = doc.documentElement;
  const signatures = Array.from(doc.getElementsByTagNameNS(NS.ds, 'Signature') as unknown as ArrayLike<Element>);
  if (signatures.length === 0) throw refuse('The message is not signed.');
  if (signatures.length > 1) throw refuse('The message carries more than one signature.');
  const signature = signatures[0]!;
  if (signature.parentNode !== root) throw refuse('The signature does not sign the message itself.');

  const id = attribute(root, 'ID');
  if (!id || !NCNAME.test(id)) throw refuse('The signed message has no valid ID.');
  const carriers = allElements(doc).filter((element) => Array.from(element.attributes as unknown as ArrayLike<Attr>).some((a) => ID_NAMES.has(a.localName ?? a.name) && a.value === id));
  if (carriers.length !== 1) throw refuse('The ID of the signed message is not unique in the document.');
  checkSignedInfo(signature, id);

  for (const certificate of certificatesPem) {
    const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    let valid = false;
    try {
      valid = verifier.checkSignature(xml);
    } catch {
      valid = false;
    }
    const signed = valid ? verifier.getSignedReferences() : [];
    if (signed.length !== 1) continue;
    const element = parseXml(signed[0]!).documentElement;
    if (element.namespaceURI !== root.namespaceURI || element.localName !== root.localName || attribute(element, 'ID') !== id) {
      throw refuse('The signature covers something other than the message.');
    }
    return element;
  }
  throw refuse('The signature does not verify with the certificate registered for the sender.');
}

function checkSignedInfo(signature: Element, id: string): void {
  const signedInfos = childElements(signature, NS.ds, 'SignedInfo');
  if (signedInfos.length !== 1) throw refuse('The signature must have exactly one SignedInfo.');
  const signedInfo = signedInfos[0]!;
  const algorithm = (name: string, parent: Element = signedInfo) => {
    const found = childElements(parent, NS.ds, name);
    return found.length === 1 ? attribute(found[0]!, 'Algorithm') : undefined;
  };
  if (algorithm('CanonicalizationMethod') !== ALGORITHMS.excC14n) throw refuse('The signature must use exclusive C14N.');
  if (!SIGNATURE_METHODS.has(algorithm('SignatureMethod') ?? '')) throw refuse('The signature algorithm is not accepted (use RSA-SHA256).');
  const references = childElements(signedInfo, NS.ds, 'Reference');
  if (references.length !== 1) throw refuse('The signature must have exactly one Reference.');
  const reference = references[0]!;
  if (attribute(reference, 'URI') !== `#${id}`) throw refuse('The signature does not reference the message.');
  if (!DIGEST_METHODS.has(algorithm('DigestMethod', reference) ?? '')) throw refuse('The digest algorithm is not accepted (use SHA-256).');
  const transformLists = childElements(reference, NS.ds, 'Transforms');
  if (transformLists.length !== 1) throw refuse('The signature must list its transforms.');
  const transforms = childElements(transformLists[0]!, NS.ds, 'Transform').map((t) => attribute(t, 'Algorithm') ?? '');
  if (!transforms.includes(ALGORITHMS.envelopedSignature) || transforms.some((t) => !TRANSFORMS.has(t)) || transforms.length > 2) {
    throw refuse('The signature transforms are not accepted (enveloped-signature and exclusive C14N only).');
  }
}

function refuse(message: string): XmlRefusal {
  return new XmlRefusal('signature', message);
}
