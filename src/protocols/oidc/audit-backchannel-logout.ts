import type { Client, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Audit, AuditInput } from '../../audit/types.js';
import type { Config } from '../../config/index.js';
import type { Directory } from '../../directory/types.js';

/** Audits each back-channel logout token oidc-provider delivered, or failed to deliver, to an app. */
export function auditBackchannelLogout(provider: Provider, deps: { config: Config; audit: Audit; directory: Directory; logger: Logger }): void {
  const rpIds = new Map(deps.config.relyingParties.flatMap((rp) => (rp.type === 'oidc' ? [[rp.clientId ?? rp.id, rp.id] as const] : [])));
  const record = (client: Client, accountId: string, event: Pick<AuditInput, 'result' | 'reason'>) => {
    // Events name the user by login, as every other one does; the account id is the directory's.
    const login = deps.directory.getUser(accountId).then((user) => user?.login, () => undefined);
    void login.then((uniqueId) => deps.audit.record({ event: 'oidc.backchannel_logout', rp: rpIds.get(client.clientId) ?? client.clientId, ...(uniqueId ? { uniqueId } : {}), ...event }));
  };
  provider.on('backchannel.success', (_ctx: KoaContextWithOIDC, client: Client, accountId: string) => record(client, accountId, { result: 'success' }));
  provider.on('backchannel.error', (_ctx: KoaContextWithOIDC, error: Error, client: Client, accountId: string) => {
    deps.logger.warn({ rp: rpIds.get(client.clientId) ?? client.clientId, err: error }, 'an app did not accept its back-channel logout token');
    record(client, accountId, { result: 'failure', reason: error.message });
  });
}
