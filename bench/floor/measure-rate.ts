/**
 * How fast one operation runs back to back, as medians over batches so one GC pause or burst moves it little.
 * Both clocks are kept: wall time suffers when other processes share the cores, this process's CPU time does not
 * (much), and on a shared machine the CPU figure is the one that says what the operation costs.
 */
export interface Rate {
  /** Operations per second of wall time. */
  perWallSecond: number;
  /** This process's CPU time (all its threads: the libuv pool that runs WebCrypto, GC) per operation, ms. */
  cpuMsPerOperation: number;
  /** Share of the wall time this process was on a CPU: well under 1 for a synchronous operation means contention. */
  cpuShareOfWall: number;
}

export interface MeasureRateOptions {
  /** Time spent measuring, split evenly between the batches. */
  durationMs: number;
  /** Time spent running the operation before measuring, unrecorded: JIT, key caches, lazily built tables. */
  warmupMs: number;
  batches: number;
}

interface Batch {
  count: number;
  wallMs: number;
  cpuMs: number;
}

/** Runs `operation` one at a time (each awaited before the next starts, so never two in flight). */
export async function measureRate(operation: () => unknown, options: MeasureRateOptions): Promise<Rate> {
  await runFor(operation, options.warmupMs);
  const batches: Batch[] = [];
  for (let i = 0; i < options.batches; i++) batches.push(await runFor(operation, options.durationMs / options.batches));
  return {
    perWallSecond: median(batches.map((batch) => (batch.count * 1000) / batch.wallMs)),
    cpuMsPerOperation: median(batches.map((batch) => batch.cpuMs / batch.count)),
    cpuShareOfWall: median(batches.map((batch) => batch.cpuMs / batch.wallMs)),
  };
}

async function runFor(operation: () => unknown, ms: number): Promise<Batch> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  let wallMs = 0;
  do {
    const result = operation();
    // Synchronous operations are not awaited: a microtask hop per call would be measured as crypto.
    if (result instanceof Promise) await result;
    count++;
    wallMs = performance.now() - started;
  } while (wallMs < ms);
  const cpu = process.cpuUsage(cpuStart);
  return { count, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
