import type { Audit } from '../audit/types.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import type { EnrollableMfaAdapter, MfaContext, MfaForm, MfaView } from '../mfa/types.js';
import type { SigninHistoryEntry } from '../signin/deps.js';
import type { PortalSession } from './portal-sessions.js';
import type { SigninHistory } from './signin-history.js';

/** The admin's switches (config `portal`), as on an MFA server's User Portal. */
export interface PortalSettings {
  /** Users may add and remove their own methods. */
  selfEnrollment: boolean;
  /** Users may pick their default method. */
  methodSelection: boolean;
  /** Users may activate the mobile app (push). */
  mobileApp: boolean;
}

/** What the portal's actions need, and nothing more. */
export interface PortalDeps {
  registry: MfaRegistry;
  directory: Directory;
  audit: Audit;
  history: SigninHistory;
  settings: PortalSettings;
  /** The user's phones with the mobile app (src/devices); without it the portal lists none. */
  devices?: PortalDevices;
}

/** A phone as the portal lists it. */
export interface PortalDevice {
  id: string;
  name: string;
  platform: string;
  createdAt: string;
  passwordless: boolean;
}

/** The user's phones: listed, and removed one by one. */
export interface PortalDevices {
  list(userId: string): Promise<PortalDevice[]>;
  /** False when the user has no such device. */
  remove(userId: string, deviceId: string): Promise<boolean>;
}

export interface MethodRow {
  id: string;
  name: string;
  fallback: boolean;
  /** Set up once per phone (push): "Set up" again adds another phone. */
  mobileApp: boolean;
  enrolled: { createdAt: string; detail?: string } | null;
  canEnroll: boolean;
  canRemove: boolean;
}

export interface PortalOverview {
  methods: MethodRow[];
  /** The methods to pick a default from (shown when methodSelection is on and there is a choice). */
  defaultChoices: Array<{ id: string; name: string; selected: boolean }>;
  /** Changes are allowed: the user has no method yet, or this portal sign-in did MFA. */
  mayChange: boolean;
  history: SigninHistoryEntry[];
  /** The user's phones (shown when portal.mobileApp is on). */
  devices: PortalDevice[];
}

/** The portal session's user, if they still exist and may sign in. */
export async function portalUser(deps: PortalDeps, session: PortalSession): Promise<DirectoryUser | undefined> {
  const user = await deps.directory.getUser(session.userId);
  return user && !user.disabled ? user : undefined;
}

/** The adapters the portal shows at all: mobile-app ones only when the admin allows the app. */
function shown(deps: PortalDeps): EnrollableMfaAdapter[] {
  return deps.registry.enrollable(undefined, { mobileApp: deps.settings.mobileApp });
}

/** Whether this adapter may be enrolled now: fallbacks (recovery codes) once another method exists; others by selfEnrollment. */
function enrollAllowed(deps: PortalDeps, adapter: EnrollableMfaAdapter, hasPrimary: boolean): boolean {
  return adapter.metadata.fallback ? hasPrimary : deps.settings.selfEnrollment;
}

export async function overview(deps: PortalDeps, session: PortalSession, user: DirectoryUser, ctx: MfaContext): Promise<PortalOverview> {
  const { registry } = deps;
  const adapters = shown(deps);
  const [enrollments, available, preferences, history, devices] = await Promise.all([
    Promise.all(adapters.map((adapter) => adapter.enrollmentOf(user))),
    registry.availableFor(user, ctx),
    registry.preferences.get(user.id),
    deps.history.list(user.id),
    deps.devices && deps.settings.mobileApp ? deps.devices.list(user.id) : Promise.resolve([]),
  ]);
  const hasPrimary = adapters.some((adapter, i) => enrollments[i] && !adapter.metadata.fallback);
  const methods = adapters.map((adapter, i): MethodRow => ({
    id: adapter.id,
    name: registry.displayName(adapter),
    fallback: adapter.metadata.fallback === true,
    mobileApp: adapter.metadata.mobileApp === true,
    enrolled: enrollments[i] ?? null,
    canEnroll: enrollAllowed(deps, adapter, hasPrimary) && (adapter.metadata.fallback === true || adapter.metadata.mobileApp === true || !enrollments[i]),
    canRemove: deps.settings.selfEnrollment && !adapter.metadata.fallback && enrollments[i] !== null,
  }));
  const choosable = available.filter((adapter) => !adapter.metadata.fallback);
  const current = preferences.default ?? choosable[0]?.id;
  return {
    methods,
    defaultChoices: deps.settings.methodSelection && choosable.length > 1 ? choosable.map((a) => ({ id: a.id, name: registry.displayName(a), selected: a.id === current })) : [],
    mayChange: session.mfa || enrollments.every((enrollment) => enrollment === null),
    history,
    devices,
  };
}

/** Changing methods needs MFA in this portal session once the user has any method. */
export async function mayChangeMethods(deps: PortalDeps, session: PortalSession, user: DirectoryUser): Promise<boolean> {
  return session.mfa || (await deps.registry.enrolledMethods(user)).length === 0;
}

/** The adapter to enroll, when the switches allow it for this user; undefined otherwise. */
export async function enrollableFor(deps: PortalDeps, user: DirectoryUser, adapterId: string): Promise<EnrollableMfaAdapter | undefined> {
  const adapter = shown(deps).find((a) => a.id === adapterId);
  if (!adapter) return undefined;
  const enrolled = await deps.registry.enrolledMethods(user);
  const hasPrimary = enrolled.some(({ adapter: a }) => !a.metadata.fallback);
  if (!enrollAllowed(deps, adapter, hasPrimary)) return undefined;
  // A mobile-app method is set up once per phone: "Set up" again adds another phone.
  return adapter.metadata.fallback || adapter.metadata.mobileApp || !enrolled.some(({ adapter: a }) => a.id === adapter.id) ? adapter : undefined;
}

/**
 * Confirms an enrollment. After a first method the fallback methods the user lacks (recovery codes) are set up
 * too. Returns the pages to show once (never stored).
 */
export async function enrollMethod(
  deps: PortalDeps,
  user: DirectoryUser,
  adapter: EnrollableMfaAdapter,
  ctx: MfaContext,
  form: MfaForm,
): Promise<{ kind: 'ok'; views: MfaView[] } | { kind: 'retry'; message: string }> {
  const result = await adapter.finishEnrollment(user, ctx, form);
  const audit = portalAudit(deps, user, ctx.clientIp);
  if (result.kind === 'retry') {
    audit('method.enrolled', 'failure', adapter.id, result.reason ?? 'retry');
    return { kind: 'retry', message: result.message };
  }
  audit('method.enrolled', 'success', adapter.id, adapter.metadata.fallback ? 'regenerated' : undefined);
  const views = result.view ? [result.view] : [];
  if (!adapter.metadata.fallback) {
    for (const fallback of deps.registry.enrollable().filter((a) => a.metadata.fallback)) {
      if (await fallback.enrollmentOf(user)) continue;
      const extra = await fallback.finishEnrollment(user, ctx, {});
      if (extra.kind !== 'ok') continue;
      audit('method.enrolled', 'success', fallback.id);
      if (extra.view) views.push(extra.view);
    }
  }
  return { kind: 'ok', views };
}

/** Removes a method; with the user's last other method go the fallback methods (recovery codes alone are no MFA). */
export async function removeMethod(deps: PortalDeps, user: DirectoryUser, adapterId: string, clientIp: string): Promise<boolean> {
  if (!deps.settings.selfEnrollment) return false;
  const adapter = shown(deps).find((a) => a.id === adapterId && !a.metadata.fallback);
  if (!adapter || !(await adapter.enrollmentOf(user))) return false;
  await adapter.removeEnrollment(user);
  const audit = portalAudit(deps, user, clientIp);
  audit('method.removed', 'success', adapter.id);
  const left = await deps.registry.enrolledMethods(user);
  if (!left.some(({ adapter: a }) => !a.metadata.fallback)) {
    for (const { adapter: fallback } of left) {
      await fallback.removeEnrollment(user);
      audit('method.removed', 'success', fallback.id, 'last_method_removed');
    }
  }
  const preferences = await deps.registry.preferences.get(user.id);
  if (preferences.default === adapter.id) await deps.registry.preferences.setDefault(user.id, undefined);
  return true;
}

/** Removes one phone; removing the last one removes the push method, as its Remove button does (recovery codes too). */
export async function removeDevice(deps: PortalDeps, user: DirectoryUser, deviceId: string, clientIp: string): Promise<boolean> {
  if (!deps.settings.selfEnrollment || !deps.devices) return false;
  const devices = await deps.devices.list(user.id);
  if (!devices.some((device) => device.id === deviceId)) return false;
  const push = shown(deps).find((adapter) => adapter.metadata.mobileApp && !adapter.metadata.fallback);
  if (devices.length === 1 && push) return removeMethod(deps, user, push.id, clientIp);
  if (!(await deps.devices.remove(user.id, deviceId))) return false;
  portalAudit(deps, user, clientIp)('device.removed', 'success', 'push', 'by_user');
  return true;
}

/** Sets the method offered first at sign-in, when the admin lets users choose and the method is available. */
export async function chooseDefault(deps: PortalDeps, user: DirectoryUser, adapterId: string, ctx: MfaContext): Promise<boolean> {
  if (!deps.settings.methodSelection) return false;
  const available = await deps.registry.availableFor(user, ctx);
  if (!available.some((adapter) => adapter.id === adapterId && !adapter.metadata.fallback)) return false;
  await deps.registry.preferences.setDefault(user.id, adapterId);
  portalAudit(deps, user, ctx.clientIp)('method.selected', 'success', adapterId);
  return true;
}

function portalAudit(deps: PortalDeps, user: DirectoryUser, clientIp: string) {
  const [firstName, ...rest] = (user.name ?? '').split(' ');
  return (event: string, result: 'success' | 'failure', authMode: string, reason?: string) =>
    deps.audit.record({
      event,
      result,
      authMode,
      uniqueId: user.login,
      ...(firstName ? { firstName } : {}),
      ...(rest.length ? { lastName: rest.join(' ') } : {}),
      ...(user.email ? { email: user.email } : {}),
      rp: 'portal',
      clientIp,
      ...(reason ? { reason } : {}),
    });
}

