import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa, { type Context } from 'koa';
import mount from 'koa-mount';
import { pino, type Logger } from 'pino';
import { createAudit, createFileSink, createStdoutSink, type Audit, type AuditSink } from './audit/index.js';
import { systemClock, type Clock } from './clock/clock.js';
import { buildConfig, type Config, type ConfigInput } from './config/index.js';
import { createDirectory, type Directory } from './directory/index.js';
import { errorHandler } from './http/error-handler.js';
import { healthRouter } from './http/health-routes.js';
import { renderer } from './http/render.js';
import { BUILT_IN_METHODS, clientIpFrom } from './policy/index.js';
import { securityHeaders } from './http/security-headers.js';
import { staticFiles } from './http/static-files.js';
import { loadTranslator } from './i18n/translator.js';
import { createMfaFromConfig, loadMfaModules, type MfaRegistry } from './mfa/index.js';
import { createPortal, portalCompletion, SigninHistory } from './portal/index.js';
import { loadOrCreateKeys, type KeySet } from './keys/index.js';
import { createProvider } from './protocols/oidc/create-provider.js';
import { oidcInteractionRouter } from './protocols/oidc/interaction-routes.js';
import { endSsoOnLogout } from './protocols/oidc/end-sso-on-logout.js';
import { deriveKey, loadSecretKey } from './secrets/secret-key.js';
import { createPolicyAccessDecider } from './signin/access-decider.js';
import { adminApiRouter } from './admin/admin-api.js';
import { ApiTokens } from './admin/api-tokens.js';
import { watchPolicyFile, type PolicyWatcher } from './access/watch-policy-file.js';
import type { SigninDeps } from './signin/deps.js';
import { signinRouter } from './signin/routes/signin-router.js';
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
  history: SigninHistory;
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
  const logger = options.logger ?? pino({ level: config.log.level, redact: ['*.password', '*.secret', '*.cookie', 'req.headers.cookie'] });
  const clock = options.clock ?? systemClock;
  const secret = loadSecretKey({ configured: config.secrets.key, env: options.env ?? process.env, dataDir: config.dataDir });
  const mfaModules = await loadMfaModules(config);
  const store = await createStore(config, { clock });
  const mfa = await createMfaFromConfig(config, mfaModules, { store, clock, logger, t: loadTranslator('en'), secret }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const history = new SigninHistory(store);
  const directory = createDirectory(config, store);
  const keys = await loadOrCreateKeys({ dir: config.keys.dir, organizationName: config.organization.name, clock });
  const sinks: AuditSink[] = [...(options.auditSinks ?? [])];
  for (const sink of config.audit.sinks) sinks.push(sink === 'stdout' ? createStdoutSink(logger) : createFileSink(sink.file));
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
    devices: new KnownDevices(store, clock),
    mfa: { registry: mfa, enrollOnSignin: config.mfa.enrollOnSignin && config.portal.selfEnrollment },
    history,
  };
  const registry: Registry = { config, logger, clock, store, directory, keys, audit, signin, policies, mfa, history };
  const app = buildApp(registry, secret);
  let server: Server | undefined;

  return {
    app,
    registry,
    async start() {
      server = app.listen(config.listen.port, config.listen.host);
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      return { url: `http://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${port}`, port };
    },
    async stop() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
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
  });
  endSsoOnLogout(provider, signin.sso, logger);
  const interactions = oidcInteractionRouter({ provider, signin, config, clientIp });
  const pages = signinRouter(signin, { oidc: (tx) => `/signin/oidc/${tx.origin.handle}/complete?tx=${tx.id}`, portal: portalCompletion });
  const portal = createPortal({ config, store: registry.store, clock: registry.clock, signin, mfa: registry.mfa, history: registry.history, clientIp });
  const adminApi = adminApiRouter({
    tokens: new ApiTokens(registry.store, registry.clock),
    directory: registry.directory,
    policies: registry.policies,
    relyingParties: config.relyingParties.map((rp) => rp.id),
    audit: registry.audit,
    clientIp,
  });
  const health = healthRouter({ store: registry.store, directory: registry.directory });

  app.use(renderer({ t: loadTranslator('en'), organization: config.organization }));
  app.use(errorHandler(logger));
  app.use(securityHeaders);
  app.use(staticFiles());
  app.use(health.routes());
  app.use(interactions.routes()).use(interactions.allowedMethods());
  app.use(pages.routes()).use(pages.allowedMethods());
  app.use(portal.routes()).use(portal.allowedMethods());
  app.use(adminApi.routes()).use(adminApi.allowedMethods());
  app.use(mount('/oidc', provider));
  return app;
}
