export type { Directory, DirectoryUser, PasswordCheck, PasswordFailure } from './types.js';
export { EmbeddedDirectory } from './embedded/embedded-directory.js';
export { createDirectory } from './create-directory.js';
export { LdapDirectory } from './ldap/index.js';
export { hashPassword, verifyPasswordHash, scryptHasher, SCRYPT_PARAMS, type PasswordHasher } from './embedded/password-hash.js';
