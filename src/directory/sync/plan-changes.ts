import type { ImportedUser, ScannedUser, SyncChange, UserScope } from './types.js';

/** The scope as records name their source: `base:<dn>;group:<dn>` (DNs lower-cased). */
export function scopeKey(scope: UserScope): string {
  const parts = [scope.base ? `base:${scope.base}` : '', scope.group ? `group:${scope.group}` : ''].filter(Boolean);
  return parts.join(';').toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

export interface UpsertContext {
  now: string;
  source: string;
  method?: string;
  language?: string;
}

export interface UpsertPlan {
  writes: ImportedUser[];
  changes: SyncChange[];
  added: ImportedUser[];
  unchanged: number;
}

const FIELDS = ['dn', 'login', 'name', 'email'] as const;

/** Compares what the directory says with the records: new users, changed fields, (re-)enabled, back from removal. */
export function planUpserts(scanned: ScannedUser[], records: Map<string, ImportedUser>, context: UpsertContext): UpsertPlan {
  const plan: UpsertPlan = { writes: [], changes: [], added: [], unchanged: 0 };
  for (const user of scanned) {
    const record = records.get(user.id);
    if (!record) {
      const added: ImportedUser = {
        ...fields(user),
        ...(context.method ? { method: context.method } : {}),
        ...(context.language ? { language: context.language } : {}),
        source: context.source,
        importedAt: context.now,
        updatedAt: context.now,
      };
      plan.writes.push(added);
      plan.added.push(added);
      plan.changes.push({ kind: 'add', id: user.id, login: user.login });
      continue;
    }
    const changed = FIELDS.filter((field) => (record[field] ?? '') !== (user[field] ?? ''));
    const sources = record.source.split(';').concat(context.source.split(';'));
    const source = [...new Set(sources.filter(Boolean))].join(';');
    const kinds: SyncChange[] = [];
    if (record.removedAt) kinds.push({ kind: 'restore', id: user.id, login: user.login });
    if (record.disabled !== user.disabled) kinds.push({ kind: user.disabled ? 'disable' : 'enable', id: user.id, login: user.login });
    if (changed.length > 0) kinds.push({ kind: 'update', id: user.id, login: user.login, detail: [...changed] });
    if (kinds.length === 0 && source === record.source) {
      plan.unchanged++;
      continue;
    }
    // name and email go when the directory no longer has them; removedAt goes on a restore.
    const { name: _name, email: _email, removedAt: _removed, ...kept } = record;
    plan.writes.push({ ...kept, ...fields(user), source, updatedAt: kinds.length ? context.now : record.updatedAt });
    if (kinds.length === 0) plan.unchanged++;
    plan.changes.push(...kinds);
  }
  return plan;
}

/** Records that were in the scope and are not now: the candidates for removal. */
export function outOfScope(records: Map<string, ImportedUser>, inScope: Set<string>): ImportedUser[] {
  return [...records.values()].filter((record) => !record.removedAt && !inScope.has(record.id));
}

/** Removed users whose retention has passed: their MFA registrations go, and the record with them. */
export function duePurges(records: Iterable<ImportedUser>, now: number, retention: number): ImportedUser[] {
  return [...records].filter((record) => record.removedAt !== undefined && now - Date.parse(record.removedAt) >= retention);
}

function fields(user: ScannedUser): Pick<ImportedUser, 'id' | 'dn' | 'login' | 'name' | 'email' | 'disabled'> {
  return { id: user.id, dn: user.dn, login: user.login, ...(user.name ? { name: user.name } : {}), ...(user.email ? { email: user.email } : {}), disabled: user.disabled };
}
