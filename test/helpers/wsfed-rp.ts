import { DOMParser } from '@xmldom/xmldom';
import type { BrowserResponse } from './form-browser.js';
import { postedForm, SP_HOST } from './saml-sp.js';
import { xmlsecVerify } from './xmlsec.js';

/**
 * A WS-Federation relying party for tests. passport-wsfed-saml2, the RP DESIGN.md names, cannot be installed here
 * (it depends on a GitHub-hosted fork of xml-crypto, and on node-forge 0.10); so the token's signature is checked
 * by xmlsec1 against the certificate in Gatehouse's federation metadata, and the rest by the checks below.
 */
export const realmReply = (id: string) => `http://${SP_HOST}/${id}/wsfed`;

export function signinUrl(issuer: string, params: Record<string, string>): string {
  return `${issuer}/adfs/ls/?${new URLSearchParams({ wa: 'wsignin1.0', ...params }).toString()}`;
}

/** The signing certificate (PEM) published in /FederationMetadata/2007-06/FederationMetadata.xml. */
export async function federationCertificate(issuer: string): Promise<string> {
  const xml = await (await fetch(`${issuer}/FederationMetadata/2007-06/FederationMetadata.xml`)).text();
  const der = /<md:RoleDescriptor[\s\S]*?<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)?.[1];
  if (!der) throw new Error('no certificate in the federation metadata');
  return `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export interface ReceivedToken {
  action: string;
  wa: string;
  wctx?: string;
  rstr: string;
  tokenXml: string;
  version: '1.1' | '2.0';
  issuer: string;
  audience: string;
  appliesTo: string;
  nameIdentifier: string;
  nameIdentifierFormat: string;
  authenticationMethod: string;
  notBefore: number;
  notOnOrAfter: number;
  /** Claim type URI -> values. */
  claims: Record<string, string[]>;
}

/** Reads the RSTR the auto-POST page carries, checks its token's signature with xmlsec1 and reads the claims. */
export async function receiveToken(page: BrowserResponse, certificatePem: string): Promise<ReceivedToken> {
  const { action, fields } = postedForm(page);
  const rstr = fields.wresult!;
  const doc = new DOMParser().parseFromString(rstr, 'text/xml');
  const saml11 = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:1.0:assertion', 'Assertion')[0];
  const saml20 = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')[0];
  const assertion = saml11 ?? saml20;
  if (!assertion) throw new Error(`no assertion in the RSTR: ${rstr.slice(0, 300)}`);
  const tokenXml = assertion.toString();
  const verified = await xmlsecVerify(tokenXml, certificatePem);
  if (!verified.ok) throw new Error(`xmlsec1 refused the token signature: ${verified.output}`);
  const text = (parent: Element, ns: string, name: string) => parent.getElementsByTagNameNS(ns, name)[0]?.textContent ?? '';
  const appliesTo = text(doc.documentElement, 'http://www.w3.org/2005/08/addressing', 'Address');
  const claims: Record<string, string[]> = {};
  if (saml11) {
    const ns = 'urn:oasis:names:tc:SAML:1.0:assertion';
    const conditions = saml11.getElementsByTagNameNS(ns, 'Conditions')[0]!;
    for (const attribute of Array.from(saml11.getElementsByTagNameNS(ns, 'Attribute'))) {
      claims[`${attribute.getAttribute('AttributeNamespace')}/${attribute.getAttribute('AttributeName')}`] = Array.from(attribute.getElementsByTagNameNS(ns, 'AttributeValue')).map((v) => v.textContent ?? '');
    }
    const nameIdentifier = saml11.getElementsByTagNameNS(ns, 'NameIdentifier')[0]!;
    return {
      action, wa: fields.wa!, ...(fields.wctx !== undefined ? { wctx: fields.wctx } : {}), rstr, tokenXml, version: '1.1',
      issuer: saml11.getAttribute('Issuer') ?? '',
      audience: text(saml11, ns, 'Audience'),
      appliesTo,
      nameIdentifier: nameIdentifier.textContent ?? '',
      nameIdentifierFormat: nameIdentifier.getAttribute('Format') ?? '',
      authenticationMethod: saml11.getElementsByTagNameNS(ns, 'AuthenticationStatement')[0]?.getAttribute('AuthenticationMethod') ?? '',
      notBefore: Date.parse(conditions.getAttribute('NotBefore')!),
      notOnOrAfter: Date.parse(conditions.getAttribute('NotOnOrAfter')!),
      claims,
    };
  }
  const ns = 'urn:oasis:names:tc:SAML:2.0:assertion';
  const conditions = saml20!.getElementsByTagNameNS(ns, 'Conditions')[0]!;
  for (const attribute of Array.from(saml20!.getElementsByTagNameNS(ns, 'Attribute'))) {
    claims[attribute.getAttribute('Name')!] = Array.from(attribute.getElementsByTagNameNS(ns, 'AttributeValue')).map((v) => v.textContent ?? '');
  }
  const nameId = saml20!.getElementsByTagNameNS(ns, 'NameID')[0]!;
  return {
    action, wa: fields.wa!, ...(fields.wctx !== undefined ? { wctx: fields.wctx } : {}), rstr, tokenXml, version: '2.0',
    issuer: text(saml20!, ns, 'Issuer'),
    audience: text(saml20!, ns, 'Audience'),
    appliesTo,
    nameIdentifier: nameId.textContent ?? '',
    nameIdentifierFormat: nameId.getAttribute('Format') ?? '',
    authenticationMethod: text(saml20!, ns, 'AuthnContextClassRef'),
    notBefore: Date.parse(conditions.getAttribute('NotBefore')!),
    notOnOrAfter: Date.parse(conditions.getAttribute('NotOnOrAfter')!),
    claims,
  };
}
