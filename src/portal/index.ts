export { createPortal } from './create-portal.js';
export { portalRouter, portalCompletion, PORTAL_COOKIE, safeNext, type PortalRouterDeps } from './portal-router.js';
export { PortalSessions, type PortalSession } from './portal-sessions.js';
export { SigninHistory, HISTORY_LENGTH } from './signin-history.js';
export type { PortalDeps, PortalSettings, PortalOverview, MethodRow, PortalDevice, PortalDevices } from './portal-actions.js';
