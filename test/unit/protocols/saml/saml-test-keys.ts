import { loadOrCreateKeys, type KeySet } from '../../../../src/keys/index.js';
import { makeTempDir, removeTempDir } from '../../../helpers/temp-dir.js';

/** A throwaway token-signing key set for unit tests of builders and signers. */
export async function testKeys(): Promise<{ keys: KeySet; cleanup: () => Promise<void> }> {
  const dir = await makeTempDir('gatehouse-saml-keys-');
  const keys = await loadOrCreateKeys({ dir: `${dir}/certs`, organizationName: 'Gatehouse Test' });
  return { keys, cleanup: () => removeTempDir(dir) };
}
