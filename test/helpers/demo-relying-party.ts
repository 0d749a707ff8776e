import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';

/**
 * A small web app that signs its users in through Gatehouse with openid-client: /login starts the code flow
 * with PKCE, /callback redeems the code and greets the user by the ID token's claims. `/login?response_mode=form_post`
 * asks for the response as a POST to /callback (ASP.NET's default), which the app reads from the posted form.
 */
export async function startDemoRelyingParty(options: { issuer: string; clientId: string; clientSecret: string; port: number }) {
  const redirectUri = `http://127.0.0.1:${options.port}/callback`;
  let config: client.Configuration | undefined;
  const pending = new Map<string, string>();
  const discover = async () =>
    (config ??= await client.discovery(new URL(options.issuer), options.clientId, undefined, client.ClientSecretBasic(options.clientSecret), {
      execute: [client.allowInsecureRequests],
    }));

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', redirectUri);
      if (url.pathname === '/login') {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        pending.set(state, verifier);
        const target = client.buildAuthorizationUrl(await discover(), {
          redirect_uri: redirectUri,
          scope: 'openid profile email',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          ...(url.searchParams.get('response_mode') === 'form_post' ? { response_mode: 'form_post' } : {}),
        });
        res.writeHead(302, { location: target.toString() }).end();
      } else if (url.pathname === '/callback') {
        const posted = req.method === 'POST' ? await readBody(req) : undefined;
        // openid-client reads a form_post response from a fetch Request carrying the posted form.
        const response = posted === undefined ? url : new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: posted });
        const state = new URLSearchParams(posted ?? url.search).get('state') ?? '';
        const tokens = await client.authorizationCodeGrant(await discover(), response, { pkceCodeVerifier: pending.get(state), expectedState: state });
        const claims = tokens.claims()!;
        const info = await client.fetchUserInfo(await discover(), tokens.access_token, claims.sub);
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>Demo app</title><h1>Hello ${String(info.preferred_username)}</h1><p id="amr">${JSON.stringify(claims.amr)}</p>`);
      } else res.writeHead(404).end();
    })().catch((error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
  });
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    redirectUri,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
