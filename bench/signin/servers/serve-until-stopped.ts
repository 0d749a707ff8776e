import { isDriverMessage, type ChildMessage } from '../child-messages.js';
import { CpuProfiler } from './cpu-profiler.js';

/**
 * The child side of the driver's protocol: start the server, tell the driver where it listens, profile when
 * asked (into the dir named by BENCH_PROFILE_DIR), stop it and exit when asked or when the driver goes away.
 */
export async function serveUntilStopped(start: () => Promise<{ url: string; stop: () => Promise<void>; details?: Record<string, unknown> }>): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profiler = new CpuProfiler();
  try {
    const server = await start();
    const stop = async () => {
      if (profileDir) await profiler.stopInto(profileDir);
      await server.stop().catch(() => undefined);
      process.exit(0);
    };
    process.on('message', (message: unknown) => {
      if (!isDriverMessage(message)) return;
      if (message.type === 'profile' && profileDir) void profiler.start();
      if (message.type === 'stop') void stop();
    });
    // A driver that died (Ctrl-C, a crash) must not leave a server behind.
    process.once('disconnect', () => void stop());
    send({ type: 'ready', url: server.url, ...(server.details ? { details: server.details } : {}) });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  }
}
