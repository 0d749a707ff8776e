import { createHmac } from 'node:crypto';
import { ScureBase32Plugin } from 'otplib';
import { timeStepAt, totpCode } from '../../src/mfa/adapters/totp/totp-code.js';

const BASE32 = new ScureBase32Plugin();

/**
 * Every contender enrolls the same authenticator key for a given login, derived from the login, so the driver
 * can compute codes for Gatehouse, the bare baseline and LemonLDAP::NG alike without a shared file.
 */
export function totpSecretOf(login: string): string {
  return BASE32.encode(createHmac('sha256', 'gatehouse-bench-totp').update(login).digest().subarray(0, 20));
}

/** The code an authenticator app shows for `login` now (or at `epochSeconds`). */
export function totpCodeOf(login: string, epochSeconds = Date.now() / 1000): string {
  return totpCode(totpSecretOf(login), Math.floor(epochSeconds));
}

/**
 * Hands out logins whose code for the current 30 s step has not been used yet: every contender accepts a code
 * once, so a load of R sign-ins/s with a second factor needs about 30 R users. Waits for the next step when all
 * are used (the wait counts in the sign-in's latency, so size the pool generously: see `waits`).
 */
export class OneTimeCodeUsers {
  readonly #lastStep = new Map<string, number>();
  #next = 0;
  /** How often a caller had to wait for the next step: non-zero means the pool is too small for the load. */
  waits = 0;
  /** Waits over every pool of the run: a wait counts in a sign-in's latency, so the run reports it. */
  static totalWaits = 0;

  constructor(private readonly logins: readonly string[]) {
    if (logins.length === 0) throw new Error('no users to sign in with');
  }

  /** A login and the code it may use now; the pair is taken (no other caller gets it in this step). */
  async take(): Promise<{ login: string; code: string }> {
    for (;;) {
      const now = Date.now() / 1000;
      const step = timeStepAt(now);
      for (let tried = 0; tried < this.logins.length; tried++) {
        const login = this.logins[this.#next]!;
        this.#next = (this.#next + 1) % this.logins.length;
        if ((this.#lastStep.get(login) ?? -1) < step) {
          this.#lastStep.set(login, step);
          return { login, code: totpCodeOf(login, now) };
        }
      }
      this.waits += 1;
      OneTimeCodeUsers.totalWaits += 1;
      await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - now * 1000 + 5));
    }
  }
}
