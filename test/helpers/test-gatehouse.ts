import { writeFile } from 'node:fs/promises';
import { pino, type Logger } from 'pino';
import { createMemorySink, type AuditEvent } from '../../src/audit/index.js';
import type { Clock } from '../../src/clock/clock.js';
import type { ConfigInput } from '../../src/config/index.js';
import { EmbeddedDirectory } from '../../src/directory/index.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { freePort } from './free-port.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const TEST_CLIENT = { id: 'app', secret: 'app-secret-for-tests-only' };

export interface RunningGatehouse {
  url: string;
  gatehouse: Gatehouse;
  auditEvents: AuditEvent[];
  dir: string;
  addUser(login: string, password: string, extra?: { name?: string; email?: string; groups?: string[] }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a real Gatehouse on a free loopback port with a temp data dir and one OIDC app registered. */
export async function startGatehouse(overrides: Partial<ConfigInput> = {}, options: { clock?: Clock; policies?: string; logger?: Logger } = {}): Promise<RunningGatehouse> {
  const dir = await makeTempDir('gatehouse-it-');
  if (options.policies !== undefined) await writeFile(`${dir}/policies.yaml`, options.policies);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const memory = createMemorySink();
  const config: ConfigInput = {
    issuer: url,
    listen: { host: '127.0.0.1', port },
    dataDir: `${dir}/data`,
    keys: { dir: `${dir}/certs` },
    audit: { sinks: [], personalFields: true },
    relyingParties: [
      { type: 'oidc', id: TEST_CLIENT.id, name: 'Test App', clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI], postLogoutRedirectUris: ['http://127.0.0.1:9/bye'] },
    ],
    policies: `${dir}/policies.yaml`,
    ...overrides,
  };
  const gatehouse = await createGatehouse(config, { logger: options.logger ?? pino({ level: 'silent' }), auditSinks: [memory], ...(options.clock ? { clock: options.clock } : {}) });
  await gatehouse.start();
  return {
    url,
    gatehouse,
    auditEvents: memory.events,
    dir,
    async addUser(login, password, extra = {}) {
      await (gatehouse.registry.directory as EmbeddedDirectory).addUser({ login, password, ...extra });
    },
    async stop() {
      await gatehouse.stop();
      await removeTempDir(dir);
    },
  };
}
