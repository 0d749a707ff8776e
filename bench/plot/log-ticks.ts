/**
 * Ticks for a log axis that cover [min, max]: 1-2-5 steps (1, 2, 5, 10, 20...) while that gives a readable number of
 * labels, else powers of ten. The first tick sits at or below min and the last at or above max (a step either side
 * of a single value), so as the scale's domain they make the panel start and end on a labelled value. Empty when
 * there is nothing positive.
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max >= min)) return [];
  const oneTwoFive = ticksWith([1, 2, 5], min, max);
  return oneTwoFive.length <= 10 ? oneTwoFive : ticksWith([1], min, max);
}

function ticksWith(mantissas: readonly number[], min: number, max: number): number[] {
  const candidates: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)) - 1; exponent <= Math.ceil(Math.log10(max)) + 1; exponent++) {
    // toPrecision: 2 * 10 ** -1 would otherwise be 0.2000000000000000x.
    for (const mantissa of mantissas) candidates.push(Number((mantissa * 10 ** exponent).toPrecision(1)));
  }
  let first = candidates.filter((value) => value <= min).length - 1;
  let last = candidates.findIndex((value) => value >= max);
  // A single value (one run, or all equal) still needs a range to sit in: one step either side.
  if (first === last) [first, last] = [first - 1, last + 1];
  return candidates.slice(first, last + 1);
}
