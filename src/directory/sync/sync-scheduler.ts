import type { Logger } from 'pino';

/**
 * Runs the sync every `interval` (1 minute to 24 hours): the first run soon after start, each next one an interval
 * after the previous ended, so runs never overlap on a node. Timers are unref'd: they never keep a process alive.
 */
export class SyncScheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly interval: number,
    private readonly logger?: Pick<Logger, 'error'>,
  ) {}

  start(firstDelay = 1_000): void {
    this.#stopped = false;
    this.#schedule(firstDelay);
  }

  /** Stops the timer and waits for a run in progress to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.run()
        .catch((error: unknown) => this.logger?.error({ err: error }, 'directory sync failed'))
        .finally(() => {
          this.#running = undefined;
          if (!this.#stopped) this.#schedule(this.interval);
        });
    }, delay);
    this.#timer.unref();
  }
}
