import { join } from 'node:path';
import type { ConfigInput } from '../../src/config/index.js';
import { EmbeddedDirectory } from '../../src/directory/index.js';
import { createStore } from '../../src/store/index.js';
import { startGatehouseProcess, type GatehouseProcess } from '../../test/helpers/gatehouse-process.js';
import { TEST_CLIENT, TEST_REDIRECT_URI } from '../../test/helpers/test-gatehouse.js';
import type { SignInTarget } from './sign-in-driver.js';

export const BENCH_USER = { login: 'bench', password: 'correct horse battery staple' };
const SECRET = 'bench-secret-0123456789abcdef0123456789';

export interface BenchNode extends SignInTarget {
  node: GatehouseProcess;
}

type StoreSetting = { type: 'embedded' } | { type: 'redis'; url: string; prefix: string };

/** Starts a Gatehouse process on the given store (the `gatehouse start` command) with the bench user in its directory. */
export async function startBenchNode(label: string, dir: string, store: StoreSetting): Promise<BenchNode> {
  const name = label.replace(/\W+/g, '-');
  const config: ConfigInput = {
    dataDir: join(dir, name),
    secrets: { key: SECRET },
    keys: { dir: join(dir, 'certs') },
    store,
    policies: join(dir, 'no-policies.yaml'),
    relyingParties: [{ type: 'oidc', id: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI] }],
    audit: { sinks: [], personalFields: true },
    log: { level: 'error' },
  };
  const directoryStore = await createStore({ store: store.type === 'redis' ? { ...store } : store, dataDir: join(dir, name) });
  try {
    const directory = new EmbeddedDirectory(directoryStore);
    if (!(await directory.findUser(BENCH_USER.login))) await directory.addUser(BENCH_USER);
  } finally {
    await directoryStore.close();
  }
  const node = await startGatehouseProcess(name, join(dir, `${name}.yaml`), config);
  return { label, url: node.url, node, ...BENCH_USER };
}
