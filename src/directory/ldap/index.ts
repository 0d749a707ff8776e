export { LdapDirectory } from './ldap-directory.js';
export { UserScanner, type ListedUser } from './user-scanner.js';
export { ldapOptionsFromConfig } from './ldap-options.js';
export { DirectoryUnavailableError } from './server-set.js';
export { escapeFilterValue, filter as ldapFilter } from './ldap-filter.js';
export { adBindFailure, adDataCode, AD_BIND_CODES } from './ad-bind-error.js';
export { uacFlags, isDisabledByUac, UAC } from './user-account-control.js';
export { guidToBase64, base64ToGuid, guidToString } from './object-guid.js';
export type { LdapDirectoryOptions, LdapDependencies, ScannedUser, UserScope, ChangeMark, GroupMode } from './types.js';
