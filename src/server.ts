import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa, { type Context } from 'koa';
import mount from 'koa-mount';
import { pino, type Logger } from 'pino';
import { createAudit, createStdoutSink, type Audit, type AuditSink } from './audit/index.js';
import { systemClock, type Clock } from './clock/clock.js';
import { buildConfig, type Config, type ConfigInput } from './config/index.js';
import { createDirectory, type Directory } from './directory/index.js';
import { scheduledSync } from './directory/sync/scheduled-sync.js';
import { errorHandler } from './http/error-handler.js';
import { healthRouter } from './http/health-routes.js';
import { renderer } from './http/render.js';
import { BUILT_IN_METHODS, clientIpFrom } from './policy/index.js';
import { securityHeaders } from './http/security-headers.js';
import { staticFiles } from './http/static-files.js';
import { loadTranslator } from './i18n/translator.js';
import { languageRoute } from './http/language-route.js';
import { createMfaFromConfig, deviceServiceFromConfig, loadMfaModules, type MfaRegistry } from './mfa/index.js';
import { adminDevices, adminFraudBlocks, deviceApiRouter, phonePort, portalDevices, type DeviceService } from './devices/index.js';
import { createPortal, portalCompletion, SigninHistory } from './portal/index.js';
import { loadOrCreateKeys, type KeySet } from './keys/index.js';
import { createProvider } from './protocols/oidc/create-provider.js';
import { silentSignin } from './protocols/oidc/silent-signin.js';
import { oidcSingleLogout } from './protocols/oidc/oidc-single-logout.js';
import { auditBackchannelLogout } from './protocols/oidc/audit-backchannel-logout.js';
import { oidcSessionEnder } from './protocols/oidc/end-oidc-session.js';
import { oidcInteractionRouter } from './protocols/oidc/interaction-routes.js';
import { endSsoOnLogout } from './protocols/oidc/end-sso-on-logout.js';
import { createSamlDeps, loadServiceProviders, samlCompletion, samlRouter } from './protocols/saml/index.js';
import { createWsfedDeps, loadWsfedRelyingParties, wsfedCleanupUrls, wsfedCompletion, wsfedRouter } from './protocols/wsfed/index.js';
import { deriveKey, loadSecretKey } from './secrets/secret-key.js';
import { createPolicyAccessDecider } from './signin/access-decider.js';
import { adminCompletion, createAdmin } from './admin/index.js';
import { fileSinkFromConfig, RecentEvents, createStoreSink } from './audit/index.js';
import { SmartLockout } from './lockout/index.js';
import { createGatehouseMetrics, createMetricsSink, instrumentDirectory, metricsRouter, stepTimer, type GatehouseMetrics } from './metrics/index.js';
import { watchPolicyFile, type PolicyWatcher } from './access/watch-policy-file.js';
import type { SigninDeps } from './signin/deps.js';
import { signinResponder, signinRouter } from './signin/routes/signin-router.js';
import { KnownDevices } from './signin/known-devices.js';
import { SsoSessions } from './signin/sso-sessions.js';
import { TransactionRepository } from './signin/transaction-repository.js';
import { createStore, type Store } from './store/index.js';

/** Everything the composition root built; handed to embedding apps and tests. */
export interface Registry {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  directory: Directory;
  keys: KeySet;
  audit: Audit;
  signin: SigninDeps;
  policies: PolicyWatcher;
  mfa: MfaRegistry;
  /** The mobile app web service (push, passwordless, device activation). */
  devices: DeviceService;
  history: SigninHistory;
  lockout: SmartLockout;
  metrics: GatehouseMetrics;
  /** The admin pages' recent events (config audit.recent > 0). */
  recentEvents?: RecentEvents;
}

export interface Gatehouse {
  app: Koa;
  registry: Registry;
  /** Listens on config.listen (port 0 picks a free one) and resolves with the URL it serves. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops listening and releases the store, the directory and the audit sinks. */
  stop(): Promise<void>;
}

export interface GatehouseOptions {
  logger?: Logger;
  clock?: Clock;
  /** Extra audit sinks (tests read events back through a memory sink). */
  auditSinks?: AuditSink[];
  env?: NodeJS.ProcessEnv;
}

/** Builds a Gatehouse from a configuration: the public API for embedding it in another Node app. */
export async function createGatehouse(input: Config | ConfigInput = {}, options: GatehouseOptions = {}): Promise<Gatehouse> {
  const config = 'baseDir' in input ? (input as Config) : buildConfig(input);
  // SAML/WS-Fed relying parties (certificate files, claim names) are checked before anything is opened.
  loadServiceProviders(config);
  loadWsfedRelyingParties(config);
  const logger = options.logger ?? pino({ level: config.log.level, redact: ['*.password', '*.secret', '*.cookie', 'req.headers.cookie'] });
  const clock = options.clock ?? systemClock;
  const secret = loadSecretKey({ configured: config.secrets.key, env: options.env ?? process.env, dataDir: config.dataDir });
  const mfaModules = await loadMfaModules(config);
  const store = await createStore(config, { clock, logger });
  // The audit is built below; the device service records through it only once requests arrive.
  const devices = deviceServiceFromConfig(config, { store, clock, logger, audit: { record: (event) => audit.record(event) } });
  const mfa = await createMfaFromConfig(config, mfaModules, { store, clock, logger, t: loadTranslator('en'), secret, devices }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const history = new SigninHistory(store);
  const metrics = createGatehouseMetrics({ store: () => store.ping(), directory: () => directory.ping() });
  const directory = instrumentDirectory(createDirectory(config, store, { clock, logger }), metrics);
  const keys = await loadOrCreateKeys({ dir: config.keys.dir, organizationName: config.organization.name, clock });
  const sinks: AuditSink[] = [...(options.auditSinks ?? [])];
  const onSinkError = (error: unknown) => logger.error({ err: error }, 'an audit sink failed');
  for (const sink of config.audit.sinks) sinks.push(sink === 'stdout' ? createStdoutSink(logger) : fileSinkFromConfig(sink.file, config.audit.rotate, onSinkError));
  const recentEvents = config.audit.recent > 0 ? new RecentEvents(store, config.audit.recent, 7 * 86_400_000) : undefined;
  if (recentEvents) sinks.push(createStoreSink(recentEvents, onSinkError));
  sinks.push(createMetricsSink(metrics));
  const audit = createAudit({ sinks, personalFields: config.audit.personalFields, clock });
  const policies = await watchPolicyFile(config.policies, {
    locations: config.locations,
    policyDefault: config.policyDefault,
    relyingParties: config.relyingParties.map((rp) => rp.id),
    methods: [...new Set([...BUILT_IN_METHODS, ...mfa.adapters.map((adapter) => adapter.id)])],
    logger,
    audit,
  });
  const signin: SigninDeps = {
    transactions: new TransactionRepository(store, clock, config.session.transactionLifetime),
    sso: new SsoSessions(store, clock, config.session.lifetime),
    directory,
    audit,
    clock,
    access: createPolicyAccessDecider(policies, () => clock.now()),
    devices: new KnownDevices(store),
    mfa: { registry: mfa, enrollOnSignin: config.mfa.enrollOnSignin && config.portal.selfEnrollment },
    history,
    phone: phonePort(devices, { passwordless: config.push.passwordless && mfa.get('push') !== undefined }),
    signals: devices.push.signals,
  };
  const lockout = new SmartLockout({ store, directory, familiarIps: (userId) => signin.devices!.familiarIps(userId), audit, clock }, config.lockout);
  signin.lockout = lockout;
  const registry: Registry = { config, logger, clock, store, directory, keys, audit, signin, policies, mfa, devices, history, lockout, metrics, ...(recentEvents ? { recentEvents } : {}) };
  const directorySync = scheduledSync({ config, store, directory, clock, mfa, audit, logger, smtp: config.smtp });
  const app = buildApp(registry, secret);
  let server: Server | undefined;

  return {
    app,
    registry,
    async start() {
      server = app.listen(config.listen.port, config.listen.host);
      directorySync?.start();
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      return { url: `http://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${port}`, port };
    },
    async stop() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await directorySync?.stop();
      policies.close();
      await directory.close();
      await mfa.close();
      await audit.close();
      await store.close();
    },
  };
}

function buildApp(registry: Registry, secret: Buffer): Koa {
  const { config, logger, signin } = registry;
  const app = new Koa();
  app.keys = [deriveKey(secret, 'cookies').toString('base64url')];
  app.silent = true;
  const clientIp = (ctx: Context) => clientIpFrom(ctx.req.socket.remoteAddress ?? '', ctx.get('X-Forwarded-For') || undefined, config.trustedProxies);
  const provider = createProvider({
    config,
    store: registry.store,
    directory: registry.directory,
    signingJwks: registry.keys.privateJwks() as unknown as { keys: Record<string, unknown>[] },
    cookieKeys: app.keys,
    logger,
    silentSignin: silentSignin({ signin, config, clientIp }),
  });
  endSsoOnLogout(provider, signin.sso, logger);
  auditBackchannelLogout(provider, { config, audit: registry.audit, logger });
  const showSignin = signinResponder(signin, { oidc: (tx) => `/signin/oidc/${tx.origin.handle}/complete?tx=${tx.id}`, portal: portalCompletion, saml: samlCompletion, wsfed: wsfedCompletion, admin: adminCompletion });
  const interactions = oidcInteractionRouter({ provider, signin, config, clientIp, showSignin });
  const pages = signinRouter(signin, showSignin);
  const samlDeps = createSamlDeps({ config, keys: registry.keys, signin, store: registry.store, secret, clientIp, showSignin, cleanupUrls: wsfedCleanupUrls(config), endOidcSession: oidcSessionEnder(provider) });
  const saml = samlRouter(samlDeps);
  const wsfed = wsfedRouter(createWsfedDeps(config, samlDeps));
  const portal = createPortal({ config, store: registry.store, clock: registry.clock, signin, mfa: registry.mfa, history: registry.history, clientIp, devices: portalDevices(registry.devices) });
  const admin = createAdmin({ ...registry, signin, recent: registry.recentEvents, clientIp, devices: adminDevices(registry.devices), fraud: adminFraudBlocks(registry.devices) });
  const health = healthRouter({ store: registry.store, directory: registry.directory });
  const deviceApi = deviceApiRouter(registry.devices, clientIp);

  app.use(renderer({ organization: config.organization }));
  app.use(errorHandler(logger));
  app.use(securityHeaders);
  app.use(stepTimer(registry.metrics));
  app.use(staticFiles());
  app.use(languageRoute({ secure: config.issuer.startsWith('https:') }));
  app.use(health.routes());
  app.use(metricsRouter(registry.metrics).routes());
  app.use(interactions.routes()).use(interactions.allowedMethods());
  app.use(pages.routes()).use(pages.allowedMethods());
  app.use(portal.routes()).use(portal.allowedMethods());
  app.use(deviceApi.routes()).use(deviceApi.allowedMethods());
  app.use(saml.routes()).use(saml.allowedMethods());
  app.use(wsfed.routes()).use(wsfed.allowedMethods());
  app.use(admin.api.routes()).use(admin.api.allowedMethods());
  app.use(admin.pages.routes()).use(admin.pages.allowedMethods());
  app.use(oidcSingleLogout(samlDeps));
  app.use(mount('/oidc', provider));
  return app;
}
