import type { Requirements, SessionControls } from './types.js';

export const NO_SESSION: SessionControls = Object.freeze({ signInFrequency: null, persistent: null });

/**
 * The summary of several requirement sets: mfa, phishingResistant and fresh when any set asks; methods that meet
 * every set naming methods at once, else (no single method does) the union, since several steps will be needed.
 */
export function mergeRequirements(sets: readonly Requirements[]): Requirements {
  const merged: Requirements = { mfa: false, methods: [], phishingResistant: false, fresh: false };
  let common: string[] | null = null;
  const union = new Set<string>();
  for (const set of sets) {
    merged.mfa ||= set.mfa;
    merged.phishingResistant ||= set.phishingResistant;
    merged.fresh ||= set.fresh;
    if (set.methods.length === 0) continue;
    for (const method of set.methods) union.add(method);
    common = common === null ? [...new Set(set.methods)] : common.filter((m) => set.methods.includes(m));
  }
  merged.methods = common === null ? [] : common.length > 0 ? common : [...union];
  return merged;
}

/** The strictest of several session controls: the shortest sign-in frequency; not persistent if any says so. */
export function mergeSession(sessions: readonly SessionControls[]): SessionControls {
  let signInFrequency: number | null = null;
  let persistent: boolean | null = null;
  for (const session of sessions) {
    if (session.signInFrequency !== null) signInFrequency = Math.min(signInFrequency ?? Infinity, session.signInFrequency);
    if (session.persistent !== null) persistent = persistent === false ? false : session.persistent;
  }
  return { signInFrequency, persistent };
}
