import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createSecretBox, scopedSecretBox } from '../../../src/crypto/secret-box.js';
import type { DirectoryUser } from '../../../src/directory/types.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { adapterStore } from '../../../src/mfa/adapter-store.js';
import type { AdapterStore, MfaAdapterDeps, MfaContext } from '../../../src/mfa/types.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

export interface AdapterBench {
  store: Store;
  clock: FakeClock;
  deps: MfaAdapterDeps;
  /** Every namespaced Store call the adapter made, as "method key" with user ids replaced by USER. */
  calls: string[];
  close(): Promise<void>;
}

/** Real embedded store on a fake clock, a real secret box, and a recording of the adapter's Store calls. */
export async function adapterBench(adapterId: string, start = Date.UTC(2030, 0, 1, 12, 0, 5)): Promise<AdapterBench> {
  const dir = await makeTempDir('gatehouse-mfa-');
  const clock = createFakeClock(start);
  const store = await createEmbeddedStore({ dataDir: dir, clock });
  const calls: string[] = [];
  const inner = adapterStore(store, adapterId);
  const recorded = new Proxy(inner, {
    get(target, name: keyof AdapterStore) {
      const method = target[name] as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        calls.push(`${String(name)} ${args.slice(0, typeof args[1] === 'string' && name.endsWith('Record') ? 2 : 1).join(' ')}`);
        return method(...args);
      };
    },
  });
  const deps: MfaAdapterDeps = {
    store: recorded,
    clock,
    logger: pino({ level: 'silent' }),
    mailer: { send: async () => {} },
    t: loadTranslator('en'),
    publicUrl: 'http://127.0.0.1:8080',
    secrets: scopedSecretBox(createSecretBox(randomBytes(32)), adapterId),
    organizationName: 'Example Org',
  };
  return {
    store,
    clock,
    deps,
    calls,
    async close() {
      await store.close();
      await removeTempDir(dir);
    },
  };
}

let users = 0;
/** A user as the directory would give it. */
export function testUser(login = `user${++users}`): DirectoryUser {
  return { id: `id-${login}-${randomBytes(4).toString('hex')}`, login, groups: [], attributes: {}, email: `${login}@example.org` };
}

export const signinCtx = (clientIp = '192.0.2.10'): MfaContext => ({ purpose: 'signin', transactionId: randomBytes(18).toString('base64url'), clientIp, rpId: 'app', locale: 'en' });
