import { writeFile, mkdir } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * Profiles this process's main thread from `start()` to `stopInto(dir)`, like node --cpu-prof but over the
 * measured part only (no start-up, no warm-up). The file opens in Chrome DevTools or profile-summary.ts.
 */
export class CpuProfiler {
  #session: Session | undefined;

  async start(): Promise<void> {
    this.#session = new Session();
    this.#session.connect();
    await this.#session.post('Profiler.enable');
    await this.#session.post('Profiler.start');
  }

  async stopInto(dir: string): Promise<void> {
    if (!this.#session) return;
    const { profile } = await this.#session.post('Profiler.stop');
    this.#session.disconnect();
    this.#session = undefined;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `main-thread.cpuprofile`), JSON.stringify(profile));
  }
}
