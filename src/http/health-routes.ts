import Router from '@koa/router';
import type { Directory } from '../directory/types.js';
import type { Store } from '../store/types.js';

const TIMEOUT_MS = 2000;

/** /healthz says the process answers; /readyz says the store and the directory answer too. */
export function healthRouter(deps: { store: Store; directory: Directory }): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const [store, directory] = await Promise.all([probe(() => deps.store.ping()), probe(() => deps.directory.ping())]);
    const ready = store === 'ok' && directory === 'ok';
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'unavailable', store, directory };
  });
  return router;
}

async function probe(check: () => Promise<void>): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)))]);
    return 'ok';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
