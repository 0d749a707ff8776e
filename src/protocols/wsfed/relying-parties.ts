import { ConfigError, type Config, type ConfigProblem } from '../../config/index.js';
import { claimTypeOf, DEFAULT_CLAIMS } from './claim-mapping.js';
import type { WsfedRelyingParties, WsfedRelyingParty } from './types.js';

/** The WS-Federation realms of the configuration; unknown claim short names are reported with their keys. */
export function loadWsfedRelyingParties(config: Config): WsfedRelyingParties {
  const problems: ConfigProblem[] = [];
  const parties: WsfedRelyingParty[] = [];
  config.relyingParties.forEach((rp, index) => {
    if (rp.type !== 'wsfed') return;
    const claims: Record<string, string> = { ...DEFAULT_CLAIMS };
    for (const [key, source] of Object.entries(rp.claims)) {
      const type = claimTypeOf(key);
      if (type) claims[type] = source;
      else problems.push({ path: `relyingParties[${index}].claims.${key}`, message: 'is neither a known claim name (upn, immutableId, emailaddress, name, givenname, surname, groups, role) nor a claim type URI' });
    }
    parties.push({ id: rp.id, name: rp.name ?? rp.id, realm: rp.realm ?? rp.id, reply: rp.reply, token: rp.token, claims });
  });
  if (problems.length > 0) throw new ConfigError('config', problems);
  const byRealm = new Map(parties.map((rp) => [rp.realm, rp]));
  const byId = new Map(parties.map((rp) => [rp.id, rp]));
  return { byRealm: (realm) => byRealm.get(realm), byId: (id) => byId.get(id), all: () => [...parties] };
}

/** wsignoutcleanup1.0 URLs for the realms among these relying-party ids (front-channel sign-out). */
export function cleanupUrlsFor(parties: WsfedRelyingParties, rpIds: readonly string[]): string[] {
  return rpIds.flatMap((id) => {
    const rp = parties.byId(id);
    if (!rp) return [];
    const url = new URL(rp.reply);
    url.searchParams.set('wa', 'wsignoutcleanup1.0');
    return [url.toString()];
  });
}
