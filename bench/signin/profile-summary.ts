/**
 * Where a server's main thread spent its time, from `npm run bench:signin -- --profile DIR` (DIR/<contender>-<users>/
 * main-thread.cpuprofile, covering the measured part of the run; signins.json beside it says how many sign-ins).
 * Given two profiles (Gatehouse first, the baseline second), it shows both side by side per sign-in.
 * Run: node --import tsx bench/signin/profile-summary.ts DIR/gatehouse-1/main-thread.cpuprofile [DIR/baseline-1/main-thread.cpuprofile] [--top N]
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeProfile, type CpuProfile } from './profile/cpu-profile.js';
import { fixed, textTable } from './text-table.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (positionals.length < 1 || positionals.length > 2) {
  console.error('Usage: node --import tsx bench/signin/profile-summary.ts FILE.cpuprofile [OTHER.cpuprofile] [--top N]');
  process.exit(2);
}
const top = Number(values.top);

/** A profile's summary with every figure in ms per sign-in (per whole profile when signins.json is missing). */
async function load(file: string) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const signins = await readFile(join(dirname(file), 'signins.json'), 'utf8').then((text) => (JSON.parse(text) as { signins: number }).signins, () => 1);
  const summary = summarizeProfile(profile, 0);
  const per = (us: number) => us / 1000 / signins;
  const perMap = (map: Map<string, number>) => new Map([...map].map(([key, us]) => [key, per(us)]));
  return {
    file,
    signins,
    busyMs: per(summary.totalUs),
    selfByArea: perMap(summary.selfByArea),
    onStack: perMap(summary.onStack),
    self: new Map([...summary.self].map(([name, entry]) => [`${name.slice(0, 90)}  [${entry.area}]`, per(entry.us)])),
  };
}

const profiles = await Promise.all(positionals.map(load));
const [first, second] = profiles as [Awaited<ReturnType<typeof load>>, Awaited<ReturnType<typeof load>> | undefined];
for (const profile of profiles) console.log(`${profile.file}: ${profile.signins} sign-ins, main thread busy ${fixed(profile.busyMs, 2)} ms each`);
console.log('(profile time is wall time on a busy thread: under load it includes waiting for a core)\n');

function table(title: string, pick: (profile: typeof first) => Map<string, number>): string {
  const keys = [...new Set([...pick(first).keys(), ...(second ? pick(second).keys() : [])])];
  const mine = (profile: typeof first | undefined, key: string) => (profile ? (pick(profile).get(key) ?? 0) : 0);
  // With two profiles, what differs most comes first; with one, what costs most.
  const weight = (key: string) => (second ? Math.abs(mine(first, key) - mine(second, key)) : mine(first, key));
  const rows = keys.sort((a, b) => weight(b) - weight(a)).slice(0, top);
  const headers = second ? [title, 'ms/sign-in', 'other', 'difference'] : [title, 'ms/sign-in'];
  return textTable(headers, rows.map((key) => (second ? [key, fixed(mine(first, key), 2), fixed(mine(second, key), 2), fixed(mine(first, key) - mine(second, key), 2)] : [key, fixed(mine(first, key), 2)])));
}

console.log(`${table('self time by area', (profile) => profile.selfByArea)}\n`);
console.log(`${table('area anywhere on the stack', (profile) => profile.onStack)}\n`);
console.log(table('function (self time)', (profile) => profile.self));
