export { loadOrCreateKeys } from './load-or-create-keys.js';
export { rolloverKeys } from './rollover-keys.js';
export { activateNextKey } from './activate-next-key.js';
export { KeyFileError } from './key-file-error.js';
export type {
  ActivateNextKeyOptions,
  JsonWebKeySet,
  KeyRole,
  KeySet,
  LoadOrCreateKeysOptions,
  PrivateJwk,
  PublicJwk,
  RolloverKeysOptions,
  SigningKey,
} from './types.js';
