import { attributeValues, normalDn } from './ldif-records.js';
import type { LdifRecord } from './ldif-records.js';

/**
 * Adds to each entry the memberOf values the memberof overlay would have written: one per groupOfNames that lists
 * it as a member (direct membership only, as the overlay does). slapadd bypasses overlays, and adding groups
 * online instead makes the overlay modify every member one by one: 9 s for one group of 50,000.
 */
export function withMemberOf(records: LdifRecord[]): LdifRecord[] {
  const groupsOf = new Map<string, string[]>();
  for (const record of records) {
    const isGroup = attributeValues(record, 'objectClass').some((value) => value.toLowerCase() === 'groupofnames');
    if (!isGroup) continue;
    for (const member of attributeValues(record, 'member')) {
      const key = normalDn(member);
      groupsOf.set(key, [...(groupsOf.get(key) ?? []), record.dn]);
    }
  }
  return records.map((record) => {
    const present = new Set(attributeValues(record, 'memberOf').map(normalDn));
    const added = (groupsOf.get(normalDn(record.dn)) ?? []).filter((group) => !present.has(normalDn(group)));
    if (added.length === 0) return record;
    return { ...record, text: [record.text, ...added.map((group) => `memberOf: ${group}`)].join('\n') };
  });
}
