import type { Context } from 'koa';
import type Router from '@koa/router';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import type { SigninDeps } from '../signin/deps.js';
import type { Store } from '../store/types.js';
import { PortalSessions } from './portal-sessions.js';
import { portalRouter } from './portal-router.js';
import type { SigninHistory } from './signin-history.js';
import type { PortalDevices } from './portal-actions.js';

/** The user portal's router, from config `portal` and the parts the composition root built. */
export function createPortal(deps: {
  config: Config;
  store: Store;
  clock: Clock;
  signin: SigninDeps;
  mfa: MfaRegistry;
  history: SigninHistory;
  clientIp: (ctx: Context) => string;
  /** The user's phones (src/devices); without them the portal lists none. */
  devices?: PortalDevices;
}): Router {
  const { config } = deps;
  return portalRouter({
    registry: deps.mfa,
    directory: deps.signin.directory,
    audit: deps.signin.audit,
    history: deps.history,
    ...(deps.devices ? { devices: deps.devices } : {}),
    settings: { selfEnrollment: config.portal.selfEnrollment, methodSelection: config.portal.methodSelection, mobileApp: config.portal.mobileApp },
    signin: deps.signin,
    sessions: new PortalSessions(deps.store, deps.clock, config.portal.sessionLifetime),
    secure: config.issuer.startsWith('https:'),
    clientIp: deps.clientIp,
  });
}
