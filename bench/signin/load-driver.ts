import { emptyWindow, type LoadWindow } from './load-window.js';
import type { RequestRecorder } from './request-log.js';

/** One complete sign-in by virtual user `index` (which picks its person), its requests reported to `log`. */
export type SignInOnce = (index: number, log: RequestRecorder) => Promise<void>;

/**
 * `concurrency` virtual users doing complete sign-ins back to back against one server, each with a fresh cookie
 * jar every time (a returning browser would be answered from its SSO session and skip the password). The load
 * runs steadily; measurement windows are opened and closed while it runs, so no window includes a ramp-up or a
 * drain: what completes inside a window counts, CPU is read at its edges.
 */
export class Load {
  /** Sign-ins completed since the load started, windows or not (to relate a server's profile to its work). */
  completed = 0;
  #running = true;
  #window: LoadWindow | undefined;
  #windowStarted = 0;
  #cpuAtOpen: NodeJS.CpuUsage | undefined;
  readonly #users: Promise<void>[];

  constructor(
    private readonly signIn: SignInOnce,
    concurrency: number,
  ) {
    this.#users = Array.from({ length: concurrency }, (_, index) => this.#virtualUser(index));
  }

  openWindow(): void {
    this.#window = emptyWindow();
    this.#windowStarted = performance.now();
    this.#cpuAtOpen = process.cpuUsage();
  }

  closeWindow(): LoadWindow {
    const window = this.#window;
    if (!window) throw new Error('no measurement window is open');
    const cpu = process.cpuUsage(this.#cpuAtOpen);
    window.seconds = (performance.now() - this.#windowStarted) / 1000;
    window.driverCpuSeconds = (cpu.user + cpu.system) / 1e6;
    this.#window = undefined;
    return window;
  }

  /** Lets every sign-in in flight finish, then resolves. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#users);
  }

  async #virtualUser(index: number): Promise<void> {
    // Requests go to whichever window is open when each one completes.
    const recorder = { add: (method: string, url: URL, ms: number) => this.#window?.requests.add(method, url, ms) };
    while (this.#running) {
      const started = performance.now();
      try {
        await this.signIn(index, recorder);
        this.completed += 1;
        if (this.#window) {
          this.#window.signins += 1;
          this.#window.latenciesMs.push(performance.now() - started);
        }
      } catch (error) {
        const window = this.#window;
        if (!window) continue;
        window.errors += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (window.errorSamples.length < 5 && !window.errorSamples.includes(message)) window.errorSamples.push(message);
      }
    }
  }
}
