import type { Context } from 'koa';
import type { RelyingPartyConfig } from '../../config/index.js';
import type { DirectoryUser } from '../../directory/types.js';
import type { KeySet } from '../../keys/index.js';
import type { SigninDeps } from '../../signin/deps.js';
import type { ShowSignin } from '../../signin/routes/signin-router.js';
import type { RequestedContext } from '../../signin/types.js';
import type { Store } from '../../store/types.js';

export type SamlRelyingPartyConfig = Extract<RelyingPartyConfig, { type: 'saml' }>;

/** The NameID formats an SP may be given (config `nameId.format`), and their URIs. */
export type NameIdFormatName = SamlRelyingPartyConfig['nameId']['format'];

/** An assertion consumer service of an SP, as registered. */
export interface AcsEndpoint {
  url: string;
  binding: 'post' | 'redirect';
  index: number;
}

/** A SAML service provider from config, with its certificates read. */
export interface ServiceProvider {
  /** The relying party id (config `relyingParties[].id`): policies, audit and the SSO session name it by this. */
  id: string;
  name: string;
  entityId: string;
  acs: AcsEndpoint[];
  slo: string | null;
  /** PEM; verifies the SP's AuthnRequests, LogoutRequests and LogoutResponses. */
  signingCertificate: string | null;
  /** PEM; assertions to this SP are encrypted to it when set. */
  encryptionCertificate: string | null;
  /** Requests must be signed (the SP's setting, or saml.wantAuthnRequestsSigned for every SP). */
  wantRequestsSigned: boolean;
  nameId: { format: NameIdFormatName; attribute: string };
  attributes: Record<string, string>;
  idpInitiated: boolean;
  sign: { assertion: boolean; response: boolean };
}

/** Gatehouse as a SAML identity provider: its entity id and endpoints. */
export interface IdentityProvider {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  metadataUrl: string;
  wantAuthnRequestsSigned: boolean;
}

/** What the SAML module needs from the composition root. */
export interface SamlDeps {
  idp: IdentityProvider;
  serviceProviders: ServiceProviders;
  keys: KeySet;
  signin: SigninDeps;
  store: Store;
  /** Derives persistent NameIDs: opaque, stable per SP. */
  persistentIdKey: Buffer;
  /** Derives SessionIndex values from SSO session ids without revealing them. */
  sessionIndexKey: Buffer;
  clientIp: (ctx: Context) => string;
  /** Cookies get Secure when the issuer is https. */
  secure: boolean;
  /** How long an accepted request waits for its sign-in (session.transactionLifetime). */
  transactionLifetimeMs: number;
  /** Answers with the sign-in's first page (or its end, for an SSO session that needs no page). */
  showSignin: ShowSignin;
  /** Front-channel cleanup URLs of the non-SAML relying parties a session signed in to (WS-Federation's wsignoutcleanup1.0). */
  cleanupUrls: (rpIds: readonly string[]) => string[];
  /** Ends the browser's OIDC session too, with back-channel logout to its apps (oidc/end-oidc-session.ts). */
  endOidcSession: (ctx: Context, login: string | undefined) => Promise<void>;
}

/** The registered SPs, by entity id and by relying-party id. */
export interface ServiceProviders {
  byEntityId(entityId: string): ServiceProvider | undefined;
  byId(id: string): ServiceProvider | undefined;
  all(): ServiceProvider[];
}

/** A SAML status: the top-level code and, when known, the second-level one (SAML core §3.2.2.2). */
export interface SamlStatus {
  code: 'Success' | 'Requester' | 'Responder' | 'VersionMismatch';
  subcode?:
    | 'AuthnFailed'
    | 'InvalidNameIDPolicy'
    | 'NoAuthnContext'
    | 'NoPassive'
    | 'RequestDenied'
    | 'RequestUnsupported'
    | 'UnsupportedBinding'
    | 'UnknownPrincipal'
    | 'PartialLogout';
  message?: string;
}

/** An AuthnRequest read from its binding and checked; what the sign-in and the response need of it. */
export interface AcceptedAuthnRequest {
  spId: string;
  /** Absent for IdP-initiated SSO. */
  requestId?: string;
  acsUrl: string;
  relayState?: string;
  forceAuthn: boolean;
  isPassive: boolean;
  /** The NameIDPolicy Format asked for, when it names one (not unspecified). */
  nameIdFormat?: NameIdFormatName;
  requestedClassRefs: string[];
  requestedContext: RequestedContext | null;
  loginHint?: string;
}

/** The person the assertion is about, with what the sign-in did. */
export interface AssertionSubject {
  user: DirectoryUser;
  amr: string[];
  /** Seconds since the epoch. */
  authTime: number;
  sessionIndex: string;
  /** Milliseconds since the epoch; the SSO session's end. */
  sessionNotOnOrAfter: number;
}

/** One SP signed in to through an SSO session, as single logout needs it. */
export interface SessionParticipant {
  spId: string;
  nameId: string;
  nameIdFormat: string;
  sessionIndex: string;
}
