import type { Context } from 'koa';
import type { Client, Provider, Session } from 'oidc-provider';
import { noteSigningOut } from './logout-request.js';

/** oidc-provider's own logout-token sender (models/client.js), which its type definitions leave out. */
type LoggingOutClient = Client & { backchannelLogout(sub: string, sid: string | undefined): Promise<void> };

/** Ends the browser's oidc-provider session from a sign-out that did not start at OIDC end-session. */
export type EndOidcSession = (ctx: Context, login: string | undefined) => Promise<void>;

/**
 * When the SSO session ends through SAML single logout or WS-Federation sign-out, the browser's oidc-provider
 * session ends too, and its apps with a back-channel logout URI get their logout token, as at OIDC end-session
 * (same token, same audit events, through oidc-provider's own sender). The session cookie is signed with the keys
 * Gatehouse gave oidc-provider, which are this app's.
 */
export function oidcSessionEnder(provider: Provider): EndOidcSession {
  const cookie = provider.cookieName('session');
  return async (ctx, login) => {
    const id = ctx.cookies.get(cookie, { signed: true });
    const session = id ? await provider.Session.find<Session>(id) : undefined;
    if (!session) return;
    noteSigningOut(ctx.req, login);
    const { accountId } = session;
    if (accountId) {
      await Promise.all(Object.keys(session.authorizations ?? {}).map((clientId) => logOutOf(ctx, clientId, accountId, session.sidFor(clientId))));
    }
    await session.destroy();
    ctx.cookies.set(cookie, null, { path: '/', signed: true });
  };

  async function logOutOf(ctx: Context, clientId: string, accountId: string, sid: string | undefined): Promise<void> {
    const client = (await provider.Client.find(clientId)) as LoggingOutClient | undefined;
    if (!client?.backchannelLogoutUri) return;
    // Reported as oidc-provider reports its own deliveries; the listeners (audit-backchannel-logout.ts) read only
    // the request from the context, which this one shares.
    await client.backchannelLogout(accountId, sid).then(
      () => provider.emit('backchannel.success', ctx, client, accountId, sid),
      (error: unknown) => provider.emit('backchannel.error', ctx, error, client, accountId, sid),
    );
  }
}
