import type { Client, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Audit, AuditInput } from '../../audit/types.js';
import type { Config } from '../../config/index.js';
import { loginSigningOut } from './logout-request.js';

/** Audits each back-channel logout token oidc-provider delivered, or failed to deliver, to an app. */
export function auditBackchannelLogout(provider: Provider, deps: { config: Config; audit: Audit; logger: Logger }): void {
  const rpIds = new Map(deps.config.relyingParties.flatMap((rp) => (rp.type === 'oidc' ? [[rp.clientId ?? rp.id, rp.id] as const] : [])));
  // Named by login, as in every other event: oidc-single-logout.ts noted who was signing out on this request.
  const record = (ctx: KoaContextWithOIDC, client: Client, event: Pick<AuditInput, 'result' | 'reason'>) => {
    const uniqueId = loginSigningOut(ctx.req);
    deps.audit.record({ event: 'oidc.backchannel_logout', rp: rpIds.get(client.clientId) ?? client.clientId, ...(uniqueId ? { uniqueId } : {}), ...event });
  };
  provider.on('backchannel.success', (ctx: KoaContextWithOIDC, client: Client) => record(ctx, client, { result: 'success' }));
  provider.on('backchannel.error', (ctx: KoaContextWithOIDC, error: Error, client: Client) => {
    deps.logger.warn({ rp: rpIds.get(client.clientId) ?? client.clientId, err: error }, 'an app did not accept its back-channel logout token');
    record(ctx, client, { result: 'failure', reason: error.message });
  });
}
