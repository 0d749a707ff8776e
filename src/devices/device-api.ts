import Router from '@koa/router';
import type { Context } from 'koa';
import { activateDevice, activationBody, answerBody, answerRequest, deviceView, requestView, settingsBody, updateDevice, visibleRequests } from './device-actions.js';
import type { DeviceCall } from './device-auth.js';
import type { DeviceService } from './create-device-service.js';
import { waitForRequests } from './wait-for-requests.js';
import { parseJson, readRawBody } from './read-body.js';

/** The longest a GET /requests may wait for a request to arrive. */
export const MAX_WAIT_SECONDS = 60;

/**
 * The mobile app web service, /device/v1 (docs/device-api.md). Each handler reads the exact body, checks the
 * call's signature, parses, calls one action and answers JSON; errors are JSON too (the error handler answers
 * `{ error, error_description }` under /device/).
 */
export function deviceApiRouter(service: DeviceService, clientIp: (ctx: Context) => string): Router {
  const router = new Router({ prefix: '/device/v1' });
  const organization = service.deps.organizationName;
  const call = async (ctx: Context): Promise<DeviceCall> => ({
    method: ctx.method,
    target: ctx.originalUrl,
    body: await readRawBody(ctx),
    authorization: ctx.get('Authorization') || undefined,
  });
  const json = (ctx: Context, status: number, body: unknown) => {
    ctx.status = status;
    ctx.body = body;
    ctx.set('Cache-Control', 'no-store');
  };

  router.post('/activate', async (ctx) => {
    const received = await call(ctx);
    const publicJwk = await service.auth.newKey(received);
    const device = await activateDevice(service, parseJson(received.body, activationBody), publicJwk, clientIp(ctx));
    json(ctx, 201, { ...deviceView(device, organization), service: service.deps.publicUrl, pollSeconds: MAX_WAIT_SECONDS / 2 });
  });

  router.get('/requests', async (ctx) => {
    const device = await service.auth.device(await call(ctx));
    const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number.parseInt(String(ctx.query.wait ?? '0'), 10) || 0));
    const requests = wait > 0 ? await waitForRequests(service, device, wait * 1000, ctx) : await visibleRequests(service, device);
    json(ctx, 200, { requests: requests.map((request) => requestView(request, organization)) });
  });

  router.post('/requests/:id/answer', async (ctx) => {
    const received = await call(ctx);
    const device = await service.auth.device(received);
    json(ctx, 200, await answerRequest(service, device, ctx.params.id!, parseJson(received.body, answerBody)));
  });

  router.get('/device', async (ctx) => {
    json(ctx, 200, deviceView(await service.auth.device(await call(ctx)), organization));
  });

  router.patch('/device', async (ctx) => {
    const received = await call(ctx);
    const device = await service.auth.device(received);
    json(ctx, 200, deviceView(await updateDevice(service, device, parseJson(received.body, settingsBody)), organization));
  });

  router.delete('/device', async (ctx) => {
    const device = await service.auth.device(await call(ctx));
    await service.records.remove(device.userId, device.id);
    service.deps.audit?.record({ event: 'device.removed', result: 'success', uniqueId: device.login, deviceId: device.id, authMode: 'push', reason: 'by_app' });
    ctx.status = 204;
  });

  return router;
}
