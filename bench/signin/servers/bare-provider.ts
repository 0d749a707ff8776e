import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import mount from 'koa-mount';
import { Provider, type Configuration } from 'oidc-provider';
import type { Directory } from '../../../src/directory/index.js';
import { loadOrCreateKeys } from '../../../src/keys/index.js';
import type { OidcClient } from '../sign-in.js';
import { BENCH_REDIRECT_URI } from '../bench-constants.js';
import { freePort } from '../free-port.js';
import { bareInteractions, type BareOptions } from './bare-interactions.js';

/**
 * The baseline: bare oidc-provider with its default in-memory adapter and a minimal login interaction
 * (bare-interactions.ts). Same clients, PKCE required, same RSA 2048 signing key kind, signed cookies, and the
 * password checked by the directory it is given (the same classes as Gatehouse's).
 */
export async function startBareProvider(options: { directory: Directory; clients: OidcClient[]; keysDir: string } & BareOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { directory } = options;
  const keys = await loadOrCreateKeys({ dir: options.keysDir, organizationName: 'Baseline' });
  const cookie = { httpOnly: true, sameSite: 'lax' as const, signed: true };
  const cookieKeys = [randomBytes(32).toString('base64url')];

  const configuration: Configuration = {
    clients: options.clients.map((client) => ({ client_id: client.id, client_secret: client.secret, redirect_uris: [BENCH_REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: keys.privateJwks() as unknown as Configuration['jwks'],
    cookies: { keys: cookieKeys, long: cookie, short: cookie },
    scopes: ['openid', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, sub) => {
      const user = await directory.getUser(sub);
      if (!user) return undefined;
      return { accountId: user.id, claims: async () => ({ sub: user.id, name: user.name, preferred_username: user.login, email: user.email, email_verified: false }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // Gatehouse's lifetimes, so both stores hold the same artifacts for the same time.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 900, Session: 8 * 3600, Grant: 14 * 86400 },
  };
  const provider = new Provider(`${url}/oidc`, configuration);
  provider.on('server_error', (_ctx, error: Error) => console.error('server_error', error));
  const app = new Koa();
  // Mounted, oidc-provider signs its cookies with the outer app's keys (Gatehouse does the same).
  app.keys = cookieKeys;
  const { totpSecretOf, totpClient } = options;
  const interactions = bareInteractions(provider, directory, { ...(totpSecretOf ? { totpSecretOf } : {}), ...(totpClient ? { totpClient } : {}) });
  app.use(interactions.routes());
  app.use(mount('/oidc', provider));
  const server = app.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
