import type { SigninState } from './states.js';

/** The level of assurance an RP asked for, in rising order. */
export type RequestedContext = 'pwd' | 'mfa' | 'phr';

/** Where the sign-in came from and how to hand the result back; only the protocol module reads `handle`. */
export interface SigninOrigin {
  protocol: 'oidc' | 'saml' | 'wsfed' | 'portal' | 'admin';
  /** The relying party's id from config (`relyingParties[].id`). */
  rpId: string;
  rpName: string;
  /** Protocol-specific reference, e.g. the oidc-provider interaction uid. */
  handle: string;
}

/** What the RP asked for. */
export interface SigninRequest {
  loginHint?: string;
  /** prompt=login, max_age exceeded, SAML ForceAuthn, WS-Fed wfresh=0. */
  forceAuthn: boolean;
  requestedContext: RequestedContext | null;
  uiLocales?: string[];
}

/** The user once identified. `login` is what they typed; `id` is known only after the directory answered. */
export interface SigninSubject {
  login: string;
  id?: string;
}

/** The access decision as the transaction keeps it (the policy engine's full explanation goes to the audit). */
export interface AccessOutcome {
  decision: 'allow' | 'block' | 'require';
  requirements: { mfa: boolean; methods: string[]; phishingResistant: boolean; fresh: boolean };
  session: { signInFrequencyMs?: number; persistent?: boolean };
  /** Requirements not yet met by what the sign-in has done. */
  missing: string[];
  /** The policies that matched (reportOnly ones too, never enforced), for the audit trail. */
  policies?: Array<{ name: string; state: string; effect: string }>;
}

/**
 * One sign-in, persisted in the Store under its id so that any node can continue it. Protocol modules create it
 * and read its result; only the steps in src/signin/steps change it.
 */
export interface SigninTransaction {
  id: string;
  state: SigninState;
  createdAt: number;
  expiresAt: number;
  /** Binds the transaction to the browser that started it (compared with the `gh_b` cookie). */
  browserId: string;
  /** Every form of this transaction carries it; compared in constant time. */
  csrf: string;
  origin: SigninOrigin;
  request: SigninRequest;
  clientIp: string;
  subject?: SigninSubject;
  /** How the first factor was satisfied: password, passwordless, or re-used from an SSO session. */
  primary?: 'password' | 'passwordless';
  /** RFC 8176 values, in the order the methods ran. */
  amr: string[];
  /** The MFA methods completed (adapter ids). */
  methods: string[];
  /** Seconds since the epoch of the last primary authentication. */
  authTime?: number;
  /** The SSO session this sign-in re-uses, if any. */
  ssoSessionId?: string;
  access?: AccessOutcome;
  /** A message for the page of the current state (e.g. wrong password); a translation key. */
  notice?: string;
  /** Why the sign-in failed, for the failure page and the protocol's error. */
  failure?: { code: string; messageKey: string; /** Already translated (an MFA adapter's own words); shown instead of messageKey. */ message?: string };
  /** Scratch space for steps (e.g. password attempts in this transaction). */
  scratch: Record<string, unknown>;
}
