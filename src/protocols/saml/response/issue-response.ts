import { authnContextClassRefFor } from '../../../policy/index.js';
import { signXml, type XmlSigningKey } from '../../../xml/index.js';
import type { AcceptedAuthnRequest, AssertionSubject, IdentityProvider, SamlStatus, ServiceProvider } from '../types.js';
import { attributesFor } from './attribute-statement.js';
import { buildAssertion } from './build-assertion.js';
import { buildResponse } from './build-response.js';
import { encryptAssertion } from './encrypt-assertion.js';
import { nameIdFor, type NameId } from './name-id.js';

export interface ResponseKeys {
  idp: IdentityProvider;
  signingKey: XmlSigningKey;
  persistentIdKey: Buffer;
}

/**
 * The Response to a successful sign-in: NameID per the request's policy (else the SP's format), attributes per the
 * SP's mapping, the AuthnContextClassRef for what the sign-in did (src/policy), the assertion and/or the response
 * signed as the SP is set, and the assertion encrypted when the SP has an encryption certificate.
 */
export async function issueResponse(keys: ResponseKeys, sp: ServiceProvider, request: AcceptedAuthnRequest, subject: AssertionSubject, now: number): Promise<{ xml: string; nameId: NameId }> {
  const { idp, signingKey } = keys;
  const nameId = nameIdFor(sp, request.nameIdFormat ?? sp.nameId.format, subject.user, { persistentIdKey: keys.persistentIdKey, idpEntityId: idp.entityId });
  const classRef = authnContextClassRefFor({ amr: subject.amr, phishingResistant: subject.amr.includes('hwk') }, request.requestedClassRefs);
  const assertion = buildAssertion({
    issuer: idp.entityId,
    audience: sp.entityId,
    nameId,
    confirmation: { recipient: request.acsUrl, ...(request.requestId ? { inResponseTo: request.requestId } : {}) },
    now,
    authn: { instant: subject.authTime * 1000, sessionIndex: subject.sessionIndex, sessionNotOnOrAfter: subject.sessionNotOnOrAfter, classRef },
    attributes: attributesFor(sp.attributes, subject.user, subject.amr),
  });
  let assertionXml = sp.sign.assertion ? signXml(assertion.xml, signingKey, { placement: { after: 'Issuer' } }) : assertion.xml;
  if (sp.encryptionCertificate) assertionXml = await encryptAssertion(assertionXml, sp.encryptionCertificate);
  const response = buildResponse({
    issuer: idp.entityId,
    destination: request.acsUrl,
    ...(request.requestId ? { inResponseTo: request.requestId } : {}),
    now,
    status: { code: 'Success' },
    assertionXml,
  });
  return { xml: sp.sign.response ? signResponse(response, signingKey) : response, nameId };
}

/** An error Response to a registered ACS: the status says why; always signed, so the SP can trust it came from here. */
export function errorResponse(keys: Pick<ResponseKeys, 'idp' | 'signingKey'>, to: { acsUrl: string; inResponseTo?: string }, status: SamlStatus, now: number): string {
  const response = buildResponse({ issuer: keys.idp.entityId, destination: to.acsUrl, ...(to.inResponseTo ? { inResponseTo: to.inResponseTo } : {}), now, status });
  return signResponse(response, keys.signingKey);
}

function signResponse(xml: string, key: XmlSigningKey): string {
  return signXml(xml, key, { placement: { after: 'Issuer' } });
}
