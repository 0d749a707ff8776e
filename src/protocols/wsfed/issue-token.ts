import type { DirectoryUser } from '../../directory/types.js';
import { assuranceFor, authnContextClassRefFor } from '../../policy/index.js';
import { signXml, type XmlSigningKey } from '../../xml/index.js';
import { authnMethodsReferences, buildAssertion, CLAIM_TYPES, NAME_ID_FORMATS, userAttribute } from '../saml/index.js';
import { buildRstr } from './build-rstr.js';
import { buildSaml11Assertion } from './build-saml11-assertion.js';
import type { WsfedRelyingParty } from './types.js';

/** WS-Federation tokens live as long as AD FS's default relying-party token lifetime. */
export const TOKEN_LIFETIME_MS = 60 * 60_000;
const PASSWORD_METHOD = 'urn:oasis:names:tc:SAML:1.0:am:password';

export interface TokenSubject {
  user: DirectoryUser;
  amr: string[];
  /** Seconds since the epoch. */
  authTime: number;
  /** The wauth the RP sent, if any. */
  wauth?: string;
}

/**
 * The RSTR for a realm: a SAML 1.1 (or, per realm, SAML 2.0) assertion, signed, with the realm's claims, the
 * ImmutableID as the persistent NameIdentifier (what a hybrid tenant matches on), and authnmethodsreferences
 * saying multipleauthn when MFA ran. The authentication method tells the truth the same way.
 */
export function issueToken(rp: WsfedRelyingParty, subject: TokenSubject, keys: { issuer: string; signingKey: XmlSigningKey }, now: number): string {
  const claims = Object.entries(rp.claims).map(([type, source]) => ({ type, values: userAttribute(subject.user, source) }));
  claims.push({ type: CLAIM_TYPES.authnmethodsreferences, values: authnMethodsReferences(subject.amr) });
  const immutableId = claims.find((claim) => claim.type === CLAIM_TYPES.immutableid)?.values[0] ?? subject.user.immutableId ?? subject.user.id;
  const completed = { amr: subject.amr, phishingResistant: subject.amr.includes('hwk') };
  const mfa = assuranceFor(completed) !== 'pwd';
  const requested = subject.wauth ? [subject.wauth] : [];
  let tokenXml: string;
  if (rp.token === 'saml11') {
    const assertion = buildSaml11Assertion({
      issuer: keys.issuer,
      audience: rp.realm,
      nameIdentifier: { value: immutableId, format: NAME_ID_FORMATS.persistent },
      now,
      lifetimeMs: TOKEN_LIFETIME_MS,
      authenticationMethod: mfa ? authnContextClassRefFor(completed, requested) : PASSWORD_METHOD,
      authenticationInstant: subject.authTime * 1000,
      claims,
    });
    tokenXml = signXml(assertion.xml, keys.signingKey, { idAttribute: 'AssertionID', placement: 'last' });
  } else {
    const assertion = buildAssertion({
      issuer: keys.issuer,
      audience: rp.realm,
      nameId: { value: immutableId, format: NAME_ID_FORMATS.persistent },
      confirmation: {},
      now,
      lifetimeMs: TOKEN_LIFETIME_MS,
      authn: { instant: subject.authTime * 1000, classRef: authnContextClassRefFor(completed, requested) },
      attributes: claims.filter((claim) => claim.values.length > 0).map((claim) => ({ name: claim.type, values: claim.values })),
    });
    tokenXml = signXml(assertion.xml, keys.signingKey, { placement: { after: 'Issuer' } });
  }
  return buildRstr({ realm: rp.realm, token: rp.token, tokenXml, now, lifetimeMs: TOKEN_LIFETIME_MS });
}
