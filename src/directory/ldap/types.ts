import type { Logger } from 'pino';
import type { Clock } from '../../clock/clock.js';

/** How nested groups are read: AD's LDAP_MATCHING_RULE_IN_CHAIN, memberOf (OpenLDAP's overlay), or member lists. */
export type GroupMode = 'ad' | 'memberOf' | 'groupOfNames';

/** Everything the LDAP directory needs, resolved from config (the CA is its PEM text, not a path). */
export interface LdapDirectoryOptions {
  urls: string[];
  bindDN?: string;
  bindPassword?: string;
  baseDN: string;
  loginAttributes: string[];
  userFilter: string;
  groupFilter: string;
  groups: GroupMode;
  /** null: objectGUID where present, else entryUUID. */
  idAttribute: string | null;
  attributes: string[];
  disabled: { attribute: string; values: string[] };
  bindMode: 'search' | 'upn';
  upnSuffix: string | null;
  /** Milliseconds allowed for each connect and each operation. */
  timeout: number;
  startTls: boolean;
  ca?: string;
  poolSize: number;
  retryAfter: number;
  cacheTtl: number;
}

export interface LdapDependencies {
  clock: Clock;
  logger?: Pick<Logger, 'warn' | 'info' | 'debug'>;
}

/** One entry as read: attribute names compared case-insensitively, values as text (binary ones kept apart). */
export interface LdapRecord {
  dn: string;
  /** Every value of an attribute as text; [] when absent. */
  values(name: string): string[];
  first(name: string): string | undefined;
  /** A binary attribute's values (objectGUID). */
  buffers(name: string): Buffer[];
  /** Every attribute as text (binary ones in base64), for DirectoryUser.attributes. */
  all(): Record<string, string[]>;
}

/** Where import and sync read users: an OU (base) and/or a security group (its nested members too). */
export interface UserScope {
  base?: string;
  group?: string;
}

/** A user as import and sync see them. */
export interface ScannedUser {
  id: string;
  dn: string;
  login: string;
  name?: string;
  email?: string;
  disabled: boolean;
  /** modifyTimestamp (generalized time) of the entry, and uSNChanged on AD. */
  modified?: string;
  usn?: string;
}

/** Where an incremental run starts: changes at or after this mark. */
export interface ChangeMark {
  /** AD: the highestCommittedUSN seen at the start of the last run. */
  usn?: string;
  /** OpenLDAP: the latest modifyTimestamp seen in the last run. */
  modified?: string;
  /** AD: the DC (dsServiceName) the USN is from; USNs of another DC mean nothing, so a change of DC runs in full. */
  server?: string;
}
