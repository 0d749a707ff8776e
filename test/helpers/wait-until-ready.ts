import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceProcess } from './service-process.js';

/** A service that exited while the harness waited for it; its output tells why. */
export class ServiceExitedError extends Error {
  constructor(
    name: string,
    readonly output: string,
  ) {
    super(`${name} exited before it was ready:\n${output.trim()}`);
  }
}

/**
 * Polls `ready` until it answers true. Fails at once when the process exits (a port taken, a bad config), so a
 * broken start costs milliseconds, not the whole timeout.
 */
export async function waitUntilReady(
  name: string,
  service: ServiceProcess,
  ready: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.isRunning()) throw new ServiceExitedError(name, service.output());
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await service.signal('SIGKILL');
      throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${service.output().trim()}`);
    }
    await sleep(20);
  }
}
