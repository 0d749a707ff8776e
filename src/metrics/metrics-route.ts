import Router from '@koa/router';
import { Registry } from 'prom-client';
import type { GatehouseMetrics } from './gatehouse-metrics.js';
import { processRegistry } from './process-metrics.js';

/** GET /metrics: the Prometheus text format, this instance's metrics and the process's. */
export function metricsRouter(metrics: GatehouseMetrics): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics.registry.contentType;
    ctx.body = await Registry.merge([processRegistry(), metrics.registry]).metrics();
  });
  return router;
}
