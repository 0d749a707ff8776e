import type { ConfigProblem } from './config-error.js';
import type { RelyingPartyConfig } from './schema.js';

/** Checks what the schema alone cannot: ids, client ids, entity ids and realms are each unique. */
export function validateRelyingParties(relyingParties: RelyingPartyConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  relyingParties.forEach((rp, index) => {
    const keys = [`id:${rp.id}`];
    if (rp.type === 'oidc') keys.push(`clientId:${rp.clientId ?? rp.id}`);
    if (rp.type === 'saml') keys.push(`entityId:${rp.entityId ?? rp.id}`);
    if (rp.type === 'wsfed') keys.push(`realm:${rp.realm ?? rp.id}`);
    for (const key of keys) {
      const first = seen.get(key);
      if (first !== undefined) {
        const [field, value] = key.split(/:(.*)/s);
        problems.push({ path: `relyingParties[${index}].${field}`, message: `"${value}" is already used by relyingParties[${first}]` });
      } else seen.set(key, index);
    }
  });
  return problems;
}
