import { performance } from 'node:perf_hooks';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../test/helpers/oidc-client.js';
import { TEST_REDIRECT_URI } from '../../test/helpers/test-gatehouse.js';

/** A Gatehouse node to sign in to, with the user the benchmark signs in as. */
export interface SignInTarget {
  label: string;
  url: string;
  login: string;
  password: string;
  oidc?: client.Configuration;
}

/**
 * One complete sign-in, as a relying party and a fresh browser do it: authorize with PKCE, the username and password
 * pages, the code back at the redirect URI, and the code redeemed at the token endpoint. Returns milliseconds.
 */
export async function signInOnce(target: SignInTarget): Promise<number> {
  target.oidc ??= await discoverClient(target.url);
  const started = performance.now();
  const start = await startAuthorization(target.oidc);
  const callback = await signInWithPassword(appBrowser(), start, target.login, target.password);
  if (!callback.url.startsWith(`${TEST_REDIRECT_URI}?`)) throw new Error(`sign-in ended at ${callback.url} (${callback.status})`);
  await redeem(target.oidc, start, callback.url);
  return performance.now() - started;
}

export interface LoadResult {
  signIns: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

/** As many sign-ins as `concurrency` virtual users complete in `ms`, each starting a new one when the last ends. */
export async function signInsFor(target: SignInTarget, concurrency: number, ms: number): Promise<LoadResult> {
  const result: LoadResult = { signIns: 0, errors: 0, seconds: ms / 1000, latencies: [] };
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        try {
          const latency = await signInOnce(target);
          if (performance.now() <= until) {
            result.signIns += 1;
            result.latencies.push(latency);
          }
        } catch {
          result.errors += 1;
        }
      }
    }),
  );
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
