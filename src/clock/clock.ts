/** Time as a dependency, so push timeouts, TOTP windows and expiry are tested with fake time, not sleeps. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
