/** A server's CPU over a window, split by the kind of thread that spent it. */
export interface ThreadSplit {
  /** The JavaScript thread: HTTP, routing, templates, cookies, token signing. */
  mainSeconds: number;
  /** libuv's threadpool, where scrypt runs (and async fs calls such as the embedded store's stat). */
  threadpoolSeconds: number;
  /** Everything else: V8's helper threads (concurrent GC, compilation). */
  helperSeconds: number;
}

const THREADPOOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE ?? 4);

/**
 * Splits per-thread CPU deltas. Node 20 does not name its threads, so the threadpool is recognised by its work:
 * while sign-ins hash passwords, its threads are the busiest after the main thread, each with an equal share.
 * Good enough to separate the hash (hundreds of ms per sign-in) from the rest (tens of ms).
 */
export function splitThreads(pid: number, before: Map<number, number>, after: Map<number, number>): ThreadSplit {
  const deltas: Array<[number, number]> = [...after].map(([tid, seconds]) => [tid, seconds - (before.get(tid) ?? 0)]);
  const main = deltas.find(([tid]) => tid === pid)?.[1] ?? 0;
  const others = deltas.filter(([tid]) => tid !== pid).map(([, seconds]) => seconds).sort((a, b) => b - a);
  const threadpool = others.slice(0, THREADPOOL_SIZE).reduce((sum, seconds) => sum + seconds, 0);
  const helpers = others.slice(THREADPOOL_SIZE).reduce((sum, seconds) => sum + seconds, 0);
  return { mainSeconds: main, threadpoolSeconds: threadpool, helperSeconds: helpers };
}
