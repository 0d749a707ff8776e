import assert from 'node:assert/strict';
import { setDefaults } from '../../../../src/directory/sync/index.js';
import { PreferenceStore } from '../../../../src/mfa/preferences.js';
import { createEmbeddedStore, type Store } from '../../../../src/store/index.js';
import { makeTempDir, removeTempDir } from '../../../helpers/temp-dir.js';

describe("the imported users' default MFA method", () => {
  let dir: string;
  let store: Store;
  let preferences: PreferenceStore;
  beforeEach(async () => {
    dir = await makeTempDir();
    store = await createEmbeddedStore({ dataDir: dir });
    preferences = new PreferenceStore(store);
  });
  afterEach(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('is what the MFA registry then reads as their default', async () => {
    await setDefaults(store, preferences, ['u1', 'u2'], 'totp');
    assert.deepEqual(await preferences.get('u1'), { default: 'totp' });
    assert.deepEqual(await preferences.get('u2'), { default: 'totp' });
  });

  it('leaves a default the user already chose, and keeps what else their preferences hold', async () => {
    await preferences.setDefault('chose', 'recovery');
    await preferences.recordUse('used', 'recovery');
    await setDefaults(store, preferences, ['chose', 'used', 'new'], 'totp');
    assert.deepEqual(await preferences.get('chose'), { default: 'recovery' });
    assert.deepEqual(await preferences.get('used'), { lastUsed: 'recovery', default: 'totp' });
    assert.deepEqual(await preferences.get('new'), { default: 'totp' });
  });
});
