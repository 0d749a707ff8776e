import type { DirectoryUser } from '../../../directory/types.js';
import { xmlEscape } from '../../../xml/index.js';
import { authnMethodsReferences, CLAIM_TYPES } from '../claim-types.js';
import { userAttribute } from '../user-attributes.js';

const URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';

/** One SAML attribute with its values. */
export interface SamlAttribute {
  name: string;
  values: string[];
}

/**
 * The attributes for an SP: its mapping `{ name sent: directory attribute }` (names sent as written; AD FS claim
 * type URIs are written in full), plus authnmethodsreferences, which tells the SP whether MFA ran.
 */
export function attributesFor(mapping: Record<string, string>, user: DirectoryUser, amr: readonly string[]): SamlAttribute[] {
  const attributes = Object.entries(mapping).map(([name, source]) => ({ name, values: userAttribute(user, source) }));
  if (!(CLAIM_TYPES.authnmethodsreferences in mapping)) attributes.push({ name: CLAIM_TYPES.authnmethodsreferences, values: authnMethodsReferences(amr) });
  return attributes.filter((attribute) => attribute.values.length > 0);
}

/** The saml:AttributeStatement element; empty string when there is nothing to say. */
export function attributeStatementXml(attributes: readonly SamlAttribute[]): string {
  if (attributes.length === 0) return '';
  const items = attributes.map(({ name, values }) => {
    const format = name.includes(':') ? URI : BASIC;
    const valueXml = values.map((value) => `<saml:AttributeValue>${xmlEscape(value)}</saml:AttributeValue>`).join('');
    return `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="${format}">${valueXml}</saml:Attribute>`;
  });
  return `<saml:AttributeStatement>${items.join('')}</saml:AttributeStatement>`;
}
