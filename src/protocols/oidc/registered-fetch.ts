import type { Config } from '../../config/index.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * oidc-provider's outgoing fetch, which refuses private and loopback addresses against server-side request forgery.
 * The back-channel logout URIs are written by the admin in the config, and an on-premises app's are private: those
 * exact URLs are fetched without that guard. Anything else keeps it.
 */
export function registeredFetch(config: Config): Fetch {
  const registered = new Set(config.relyingParties.flatMap((rp) => (rp.type === 'oidc' && rp.backchannelLogoutUri ? [new URL(rp.backchannelLogoutUri).href] : [])));
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!registered.has(url) || !init) return fetch(input, init);
    const { dispatcher: _guard, ...rest } = init as RequestInit & { dispatcher?: unknown };
    return fetch(input, rest);
  };
}
