import type { KeyPath, PathProblem } from './policy-problem.js';

type Plain = Record<string, unknown>;

/** Collects every problem of a validation pass, with helpers that check one value and report what is wrong. */
export class ValidationReader {
  readonly problems: PathProblem[] = [];

  error(path: KeyPath, message: string, atKey = false): void {
    this.problems.push({ severity: 'error', path, message, atKey });
  }

  warning(path: KeyPath, message: string, atKey = false): void {
    this.problems.push({ severity: 'warning', path, message, atKey });
  }

  /** A mapping whose keys are all known; unknown keys are reported one by one. null when not a mapping. */
  mapping(value: unknown, path: KeyPath, known: readonly string[], what = 'key'): Plain | null {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.error(path, `must be a mapping of ${known.join(', ')}`);
      return null;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.error([...path, key], `unknown ${what} "${key}"${hint(key, known)}`, true);
    }
    return value as Plain;
  }

  boolean(value: unknown, path: KeyPath): boolean | null {
    if (typeof value === 'boolean') return value;
    this.error(path, 'must be true or false');
    return null;
  }

  /** A list of names; numbers are taken as names (a numeric login or group). */
  names(value: unknown, path: KeyPath): string[] {
    if (!Array.isArray(value)) {
      this.error(path, 'must be a list');
      return [];
    }
    const names: string[] = [];
    value.forEach((item, i) => {
      if ((typeof item === 'string' && item.trim() !== '') || typeof item === 'number') names.push(String(item).trim());
      else this.error([...path, i], 'must be a name (a non-empty string)');
    });
    return names;
  }

  /** A list whose items are each one of `allowed`; `what` names an item in messages ("method"). */
  oneOfEach<T extends string>(value: unknown, path: KeyPath, allowed: readonly T[], what: string): T[] {
    return this.names(value, path).flatMap((name, i) => {
      if ((allowed as readonly string[]).includes(name)) return [name as T];
      this.error([...path, i], `unknown ${what} "${name}" (one of ${allowed.join(', ')})${hint(name, allowed)}`);
      return [];
    });
  }
}

/** ` (did you mean "locations"?)` when a known word is close to the one written. */
export function hint(word: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === null || best === word ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
