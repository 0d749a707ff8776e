import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ContenderKind, DirectoryKind, SigninPath, StoreKind } from '../common/matrix-results.js';
import type { PlottedRun } from './plotted-run.js';

/** Every member of a union: the Record makes the list exhaustive, so a kind added to matrix-results.ts must be added here. */
function allOf<T extends string>(members: Record<T, true>): [T, ...T[]] {
  return Object.keys(members) as [T, ...T[]];
}

const runSchema = z.object({
  contender: z.enum(allOf<ContenderKind>({ gatehouse: true, 'bare-oidc-provider': true, 'lemonldap-ng': true })),
  path: z.enum(allOf<SigninPath>({ password: true, totp: true, push: true, passwordless: true, saml: true })),
  directory: z.enum(allOf<DirectoryKind>({ embedded: true, ldap: true })),
  store: z.enum(allOf<StoreKind>({ embedded: true, redis: true })),
  concurrency: z.number().positive(),
  signinsPerSecond: z.number(),
  // A run with no sign-ins has NaN percentiles, which JSON writes as null.
  latencyMs: z.object({ p99: z.number().nullable().transform((p99) => p99 ?? Number.NaN) }),
});
const resultsSchema: z.ZodType<{ runs: PlottedRun[] }> = z.object({ runs: z.array(runSchema) });

/** The runs of a results file (any JSON with a `runs` array of MatrixRun); says which field is wrong when it is not one. */
export async function readRuns(file: string): Promise<PlottedRun[]> {
  const parsed = resultsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} holds no MatrixRun[] under "runs": ${z.prettifyError(parsed.error)}`);
  return parsed.data.runs;
}
