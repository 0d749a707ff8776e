import type { Context, Next } from 'koa';
import type { GatehouseMetrics } from './gatehouse-metrics.js';

/** Which sign-in step a request is; the first pattern that matches names it. */
const STEPS: Array<[RegExp, string]> = [
  [/^\/signin\/t\/[^/]+\/identify$/, 'identify'],
  [/^\/signin\/t\/[^/]+\/password$/, 'password'],
  [/^\/signin\/t\/[^/]+\/mfa(\/.*)?$/, 'mfa'],
  [/^\/signin\/t\/[^/]+$/, 'page'],
  [/^\/signin\/[a-z]+\/[^/]+\/complete$/, 'issue'],
  [/^\/(portal|admin)\/complete$/, 'issue'],
  [/^\/signin\/oidc\/[^/]+$/, 'start'],
  [/^\/(saml\/sso|adfs\/ls\/?)$/, 'start'],
];

/** Times every request of a sign-in step (gatehouse_signin_step_duration_seconds), errors included. */
export function stepTimer(metrics: GatehouseMetrics) {
  return async function timeStep(ctx: Context, next: Next): Promise<void> {
    const step = STEPS.find(([pattern]) => pattern.test(ctx.path))?.[1];
    if (!step) return next();
    const end = metrics.stepDuration.startTimer({ step });
    try {
      await next();
    } finally {
      end();
    }
  };
}
