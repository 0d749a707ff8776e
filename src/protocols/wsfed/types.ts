import type { Context } from 'koa';
import type { RelyingPartyConfig } from '../../config/index.js';
import type { KeySet } from '../../keys/index.js';
import type { SigninDeps } from '../../signin/deps.js';
import type { RequestedContext } from '../../signin/types.js';
import type { Store } from '../../store/types.js';
import type { SamlDeps } from '../saml/index.js';

export type WsfedRelyingPartyConfig = Extract<RelyingPartyConfig, { type: 'wsfed' }>;

/** A WS-Federation relying party (realm) from config, with its claims resolved to claim type URIs. */
export interface WsfedRelyingParty {
  id: string;
  name: string;
  realm: string;
  /** The one reply URL tokens are posted to; a wreply must equal it. */
  reply: string;
  token: 'saml11' | 'saml20';
  /** Claim type URI -> directory attribute. UPN and ImmutableID are always there (hybrid tenants need them). */
  claims: Record<string, string>;
}

export interface WsfedRelyingParties {
  byRealm(realm: string): WsfedRelyingParty | undefined;
  byId(id: string): WsfedRelyingParty | undefined;
  all(): WsfedRelyingParty[];
}

/** A wsignin1.0 request that passed every check, waiting for its sign-in. */
export interface AcceptedSignin {
  rpId: string;
  wctx?: string;
  /** The wauth the RP sent, when it named one Gatehouse knows (the token's authentication method follows it). */
  wauth?: string;
  requestedContext: RequestedContext | null;
  forceAuthn: boolean;
  loginHint?: string;
}

/** What the WS-Federation module needs; SAML's deps give the shared IdP identity, keys and logout chain. */
export interface WsfedDeps {
  saml: SamlDeps;
  relyingParties: WsfedRelyingParties;
  issuer: string;
  keys: KeySet;
  signin: SigninDeps;
  store: Store;
  clientIp: (ctx: Context) => string;
  secure: boolean;
  transactionLifetimeMs: number;
}
