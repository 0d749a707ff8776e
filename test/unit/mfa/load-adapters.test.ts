import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { createMfaRegistry, isEnrollable, loadAdapterModules, type AdapterRef } from '../../../src/mfa/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { testUser, signinCtx } from './adapter-deps.js';

const FITS = `export default (options) => ({
  id: options.id ?? 'sms',
  metadata: { displayName: { en: 'Text message' }, amr: ['sms'], phishingResistant: false, firstFactor: false },
  isAvailableForUser: async () => true,
  begin: async () => ({ template: '/dev/null', data: {} }),
  tryEnd: async () => ({ kind: 'ok', amr: ['sms'] }),
});`;

describe('loading MFA adapters named in config', () => {
  let dir: string;
  let store: Store;
  const registryDeps = () => ({
    store,
    clock: { now: () => Date.now() },
    logger: pino({ level: 'silent' }),
    t: loadTranslator('en'),
    publicUrl: 'http://127.0.0.1:8080',
    organizationName: 'Example',
    sealingKey: randomBytes(32),
    smtp: { host: '127.0.0.1', port: 25, secure: false, from: 'gatehouse@localhost' },
  });
  const load = (adapters: AdapterRef[] | undefined) => loadAdapterModules({ mfa: { adapters }, baseDir: dir });
  const create = async (adapters: AdapterRef[] | undefined) => createMfaRegistry(await load(adapters), registryDeps());
  const problemsOf = async (adapters: AdapterRef[]) => {
    try {
      await create(adapters);
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.message.split('\n').length, 1, 'one line');
      return error.message;
    }
    assert.fail('the adapters were accepted');
  };

  before(async () => {
    dir = await makeTempDir();
    store = await createEmbeddedStore({ dataDir: join(dir, 'data') });
    await writeFile(join(dir, 'fits.mjs'), FITS);
    await writeFile(join(dir, 'no-default.mjs'), 'export const create = () => ({});\n');
    await writeFile(join(dir, 'misfit.mjs'), "export default () => ({ id: 'Bad Id', metadata: { displayName: {}, amr: [], phishingResistant: 'no', firstFactor: false }, begin() {}, isAvailableForUser() {} });\n");
    await writeFile(join(dir, 'throws.mjs'), "export default () => { throw new Error('no API key given'); };\n");
    await writeFile(join(dir, 'syntax.mjs'), 'export default (() => {\n');
    await writeFile(join(dir, 'half-enrollable.mjs'), FITS.replace("tryEnd:", "beginEnrollment: async () => ({ template: 'x', data: {} }),\n  tryEnd:"));
    await writeFile(join(dir, 'early-store.mjs'), "export default async (options, deps) => { await deps.store.get('x'); return {}; };\n");
  });
  after(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('loads every built-in adapter when config names none: totp, push and recovery codes', async () => {
    const registry = await create(undefined);
    assert.deepEqual(registry.adapters.map((a) => a.id), ['totp', 'push', 'recovery']);
    assert.ok(registry.adapters.every(isEnrollable));
  });

  it('loads a third-party module by its path relative to the config file, with its options', async () => {
    const registry = await create(['totp', { module: './fits.mjs', options: { id: 'text' } }]);
    const text = registry.get('text');
    assert.ok(text);
    assert.equal(isEnrollable(text), false);
    assert.equal(registry.displayName(text), 'Text message');
    assert.equal(await text.isAvailableForUser(testUser(), signinCtx()), true);
  });

  it('stops with one line naming the key when a module file is missing', async () => {
    assert.match(await problemsOf(['totp', { module: './nowhere.mjs', options: {} }]), /mfa\.adapters\[1\]: module "\.\/nowhere\.mjs" not found \(no file .*nowhere\.mjs\)/);
  });

  it('stops when an npm module is not installed', async () => {
    assert.match(await problemsOf([{ module: 'gatehouse-adapter-that-does-not-exist', options: {} }]), /mfa\.adapters\[0\]: module "gatehouse-adapter-that-does-not-exist" not found/);
  });

  it('stops when a module has no default export, or cannot be parsed', async () => {
    assert.match(await problemsOf([{ module: './no-default.mjs', options: {} }]), /mfa\.adapters\[0\]: module "\.\/no-default\.mjs" does not default-export create\(options, deps\)/);
    assert.match(await problemsOf([{ module: './syntax.mjs', options: {} }]), /mfa\.adapters\[0\]: module "\.\/syntax\.mjs" could not be loaded: /);
  });

  it('says everything an object lacks when it does not fit the MfaAdapter interface', async () => {
    const message = await problemsOf([{ module: './misfit.mjs', options: {} }]);
    assert.match(message, /mfa\.adapters\[0\]: module "\.\/misfit\.mjs" does not fit the MfaAdapter interface: /);
    for (const part of [/id must be/, /displayName\.en must be a string/, /amr must be a non-empty list/, /phishingResistant must be true or false/, /tryEnd must be a function/]) assert.match(message, part);
  });

  it('requires all of the enrollment methods or none', async () => {
    assert.match(await problemsOf([{ module: './half-enrollable.mjs', options: {} }]), /finishEnrollment must be a function/);
  });

  it('reports a create() that throws, and a store used before create() returned', async () => {
    assert.match(await problemsOf([{ module: './throws.mjs', options: {} }]), /mfa\.adapters\[0\]: module "\.\/throws\.mjs": create\(\) failed: no API key given/);
    assert.match(await problemsOf([{ module: './early-store.mjs', options: {} }]), /create\(\) failed: the adapter store can be used once create\(\) has returned/);
  });

  it('reports every problem of the list at once: an unknown built-in name and a missing module', async () => {
    const message = await problemsOf(['push-notification', 'totp', { module: './nowhere.mjs', options: {} }]);
    assert.match(message, /mfa\.adapters\[0\]: unknown built-in adapter "push-notification"/);
    assert.match(message, /; mfa\.adapters\[2\]: module "\.\/nowhere\.mjs" not found/);
  });

  it('refuses a second adapter with an id already in use', async () => {
    const message = await problemsOf([{ module: './fits.mjs', options: {} }, { module: './fits.mjs', options: {} }]);
    assert.match(message, /mfa\.adapters\[1\]: module "\.\/fits\.mjs" has the id "sms", already used by mfa\.adapters\[0\]/);
  });

  it('namespaces each adapter’s Store keys and record kinds under its id', async () => {
    const registry = await create(['totp']);
    const user = testUser();
    const totp = registry.get('totp');
    assert.ok(totp && isEnrollable(totp));
    await totp.beginEnrollment(user, signinCtx());
    assert.ok(await store.get(`mfa:totp:pending:${user.id}`), 'ephemeral keys live under mfa:totp:');
  });
});
