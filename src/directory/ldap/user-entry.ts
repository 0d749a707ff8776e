import type { DirectoryUser } from '../types.js';
import { base64ToGuid, guidToBase64 } from './object-guid.js';
import { escapeFilterValue } from './ldap-filter.js';
import type { LdapDirectoryOptions, LdapRecord, ScannedUser } from './types.js';
import { isDisabledByUac } from './user-account-control.js';

/** Attributes whose values are bytes, read as buffers and shown in base64. */
export const BINARY_ATTRIBUTES = ['objectGUID', 'objectSid', 'mS-DS-ConsistencyGuid'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROFILE = ['cn', 'sn', 'givenName', 'displayName', 'mail', 'title', 'department', 'company', 'telephoneNumber', 'mobile', 'employeeNumber', 'employeeID'];
const STATUS = ['userAccountControl', 'pwdAccountLockedTime', 'accountExpires', 'modifyTimestamp', 'uSNChanged'];

/** What to read of a user entry: logins, ids, profile, status, memberOf when groups come from it, and extras. */
export function userAttributes(options: LdapDirectoryOptions): string[] {
  const ids = options.idAttribute ? [options.idAttribute] : ['objectGUID', 'entryUUID'];
  const names = [...options.loginAttributes, ...ids, ...PROFILE, ...STATUS, options.disabled.attribute, ...options.attributes];
  if (options.groups === 'memberOf') names.push('memberOf');
  // AD keeps the primary group (Domain Users) out of `member`: it is found from these (group-resolver.ts).
  if (options.groups === 'ad') names.push('objectSid', 'primaryGroupID');
  return dedupe(names);
}

/** What import and sync keep of a user (ScannedUser): fewer attributes to read and parse than a sign-in's. */
export function scanAttributes(options: LdapDirectoryOptions): string[] {
  const ids = options.idAttribute ? [options.idAttribute] : ['objectGUID', 'entryUUID'];
  return dedupe([...options.loginAttributes, ...ids, 'cn', 'sn', 'givenName', 'displayName', 'mail', ...STATUS, options.disabled.attribute]);
}

/** The attributes a listing for sync needs: the id only (it runs over the whole scope on every sync). */
export function idAttributes(options: LdapDirectoryOptions): string[] {
  return options.idAttribute ? [options.idAttribute] : ['objectGUID', 'entryUUID'];
}

/** The stable id: the configured attribute, else objectGUID (base64), else entryUUID. */
export function userIdOf(record: LdapRecord, options: LdapDirectoryOptions): string | undefined {
  const names = options.idAttribute ? [options.idAttribute] : ['objectGUID', 'entryUUID'];
  for (const name of names) {
    const bytes = record.buffers(name)[0];
    if (bytes) return guidToBase64(bytes);
    const text = record.first(name);
    if (text) return text;
  }
  return undefined;
}

/** The filter term that finds an id again; undefined when the id cannot be one of this directory's. */
export function idFilter(id: string, options: LdapDirectoryOptions): string | undefined {
  const named = options.idAttribute;
  if (named && BINARY_ATTRIBUTES.some((name) => name.toLowerCase() === named.toLowerCase())) {
    const bytes = Buffer.from(id, 'base64');
    return bytes.length > 0 ? `(${named}=${escapeFilterValue(bytes)})` : undefined;
  }
  if (named) return `(${named}=${escapeFilterValue(id)})`;
  const guid = base64ToGuid(id);
  if (guid) return `(objectGUID=${escapeFilterValue(guid)})`;
  if (UUID.test(id)) return `(entryUUID=${escapeFilterValue(id)})`;
  return undefined;
}

/** What the person typed their login as: the first configured login attribute the entry has. */
export function loginOf(record: LdapRecord, options: LdapDirectoryOptions): string {
  for (const name of options.loginAttributes) {
    const value = record.first(name);
    if (value) return value;
  }
  return record.first('uid') ?? record.first('cn') ?? record.dn;
}

/** Disabled in the directory: AD's ACCOUNTDISABLE bit, or the configured attribute (OpenLDAP: ppolicy's admin lock). */
export function isDisabled(record: LdapRecord, options: LdapDirectoryOptions): boolean {
  if (isDisabledByUac(record.first('userAccountControl'))) return true;
  const values = record.values(options.disabled.attribute);
  if (values.length === 0) return false;
  return options.disabled.values.length === 0 || values.some((value) => options.disabled.values.includes(value));
}

/** ppolicy locked the account after failures: pwdAccountLockedTime holds a time that is not the admin lock. */
export function isLockedByPolicy(record: LdapRecord, options: LdapDirectoryOptions): boolean {
  return record.values('pwdAccountLockedTime').length > 0 && !isDisabled(record, options);
}

function displayName(record: LdapRecord): string | undefined {
  const given = record.first('givenName');
  const surname = record.first('sn');
  return record.first('displayName') ?? record.first('cn') ?? ([given, surname].filter(Boolean).join(' ') || undefined);
}

/** The DirectoryUser for an entry (id already known to exist) and its group names. */
export function toDirectoryUser(record: LdapRecord, id: string, groups: string[], options: LdapDirectoryOptions): DirectoryUser {
  const name = displayName(record);
  const email = record.first('mail');
  const attributes: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(record.all())) attributes[key] = values.length === 1 ? values[0]! : values;
  attributes.dn = record.dn;
  attributes.groups = groups;
  return {
    id,
    login: loginOf(record, options),
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    groups,
    immutableId: id,
    disabled: isDisabled(record, options),
    attributes,
  };
}

/** The fields import and sync keep. */
export function toScannedUser(record: LdapRecord, id: string, options: LdapDirectoryOptions): ScannedUser {
  const name = displayName(record);
  const email = record.first('mail');
  const modified = record.first('modifyTimestamp');
  const usn = record.first('uSNChanged');
  return {
    id,
    dn: record.dn,
    login: loginOf(record, options),
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    disabled: isDisabled(record, options),
    ...(modified ? { modified } : {}),
    ...(usn ? { usn } : {}),
  };
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}
