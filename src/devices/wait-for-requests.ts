import type { Context } from 'koa';
import type { DeviceService } from './create-device-service.js';
import { visibleRequests } from './device-actions.js';
import type { Device, PushRequest } from './types.js';

/**
 * The long poll: the device's visible requests, waiting up to `waitMs` for one to arrive. It listens on the user's
 * Store channel (a push sent on any node publishes there) and subscribes before looking, so a request sent in
 * between is not missed. Returns early when the app hangs up.
 */
export async function waitForRequests(service: DeviceService, device: Device, waitMs: number, ctx: Context): Promise<PushRequest[]> {
  let wake: () => void = () => {};
  let woken = false;
  const unsubscribe = await service.deps.store.subscribe(service.push.userChannel(device.userId), () => {
    woken = true;
    wake();
  });
  // Real time on purpose: this is how long an HTTP call is held open, not a sign-in's timeout.
  const deadline = Date.now() + waitMs;
  let closed = false;
  const onClose = () => {
    closed = true;
    wake();
  };
  // The response's close: the request's own 'close' fires as soon as its (empty) body has been read.
  ctx.res.once('close', onClose);
  try {
    for (;;) {
      woken = false;
      const requests = await visibleRequests(service, device);
      const left = deadline - Date.now();
      if (requests.length > 0 || left <= 0 || closed) return requests;
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  } finally {
    ctx.res.off('close', onClose);
    await unsubscribe();
  }
}
