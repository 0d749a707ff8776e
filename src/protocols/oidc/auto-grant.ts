import type { KoaContextWithOIDC, Grant } from 'oidc-provider';

/**
 * Relying parties are registered by the admin, so users are not asked for consent: the grant holds whatever the
 * client may request (oidc-provider has already limited the request to the client's registered scopes).
 */
export async function loadOrCreateGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const existingId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  const existing = existingId ? await oidc.provider.Grant.find(existingId) : undefined;
  const grant = existing && existing.accountId === accountId ? existing : new oidc.provider.Grant({ clientId: client.clientId, accountId });
  const scopes = [...(oidc.requestParamScopes ?? [])];
  if (scopes.length) grant.addOIDCScope(scopes.join(' '));
  const claims = [...(oidc.requestParamClaims ?? [])];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}
