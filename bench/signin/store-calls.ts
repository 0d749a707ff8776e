/**
 * How many Store calls one Gatehouse sign-in makes, by method and key kind: each is a network round trip once the
 * Store is Redis, and each durable-record read costs the embedded store a stat() on the threadpool.
 * Run: node --import tsx bench/signin/store-calls.ts [SIGN_INS]   (20 by default, one at a time)
 */
import type { Store } from '../../src/store/index.js';
import { BENCH_USERS } from './bench-constants.js';
import { RequestLog } from './request-log.js';
import { startBenchGatehouse } from './servers/start-gatehouse.js';
import { signIn } from './sign-in.js';
import { fixed, textTable } from './text-table.js';

const count = Number(process.argv[2] ?? 20);
const server = await startBenchGatehouse();
const calls = new Map<string, number>();
countCalls(server.gatehouse.registry.store, calls);

const requests = new RequestLog();
await signIn(server.url, BENCH_USERS[0]!, requests); // the first one also creates what later ones find
calls.clear();
for (let i = 0; i < count; i++) await signIn(server.url, BENCH_USERS[i % BENCH_USERS.length]!, requests);
const counted = new Map(calls); // before stop(), whose close() is no sign-in's
await server.stop();

const rows = [...counted].sort(([a], [b]) => a.localeCompare(b)).map(([call, n]) => [call, fixed(n / count, 2)]);
const total = [...counted.values()].reduce((sum, n) => sum + n, 0);
console.log(textTable(['store call (key kind)', 'per sign-in'], [...rows, ['total', fixed(total / count, 2)]]));

/** Wraps every method of the store object in place so that each call is counted under `method kind`. */
function countCalls(store: Store, into: Map<string, number>): void {
  const methods = store as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(methods)) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    methods[name] = (...args: unknown[]) => {
      const key = `${name} ${keyKind(name, args)}`;
      into.set(key, (into.get(key) ?? 0) + 1);
      return original.apply(store, args);
    };
  }
}

/** A key with its ids folded away: `oidc:Session:abc…` -> `oidc:Session:…`, `audit:recent:42` -> `audit:recent:#`. */
function keyKind(method: string, args: unknown[]): string {
  if (method.endsWith('Record') || method === 'listRecords') return `record ${String(args[0])}`;
  return String(args[0] ?? '')
    .split(':')
    .map((part) => (/^\d+$/.test(part) ? '#' : looksLikeId(part) ? '…' : part))
    .join(':');
}

/** Random ids are long and (almost always) hold a digit, '-' or '_'; model names such as AuthorizationCode do not. */
function looksLikeId(part: string): boolean {
  return /^[A-Za-z0-9_-]{16,}$/.test(part) && (/[0-9_-]/.test(part) || part.length >= 20);
}
