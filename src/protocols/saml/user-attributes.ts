import type { DirectoryUser } from '../../directory/types.js';

type Reader = (user: DirectoryUser) => string | string[] | undefined;

/** Directory attribute names every directory answers, whatever it stores (AD and LDAP spellings alike). */
const DERIVED: Record<string, Reader> = {
  id: (user) => user.id,
  login: (user) => user.login,
  uid: (user) => user.login,
  samaccountname: (user) => attributeOf(user, 'sAMAccountName') ?? user.login,
  mail: (user) => user.email,
  email: (user) => user.email,
  name: (user) => user.name,
  displayname: (user) => user.name,
  cn: (user) => user.name,
  groups: (user) => user.groups,
  memberof: (user) => user.groups,
  userprincipalname: (user) => upnOf(user),
  upn: (user) => upnOf(user),
  objectguid: (user) => user.immutableId ?? user.id,
  immutableid: (user) => user.immutableId ?? user.id,
  givenname: (user) => attributeOf(user, 'givenName') ?? user.name?.split(' ')[0],
  sn: (user) => attributeOf(user, 'sn') ?? surnameOf(user),
  surname: (user) => attributeOf(user, 'sn') ?? surnameOf(user),
};

/**
 * The values of a directory attribute for a user, as relying parties' attribute and claim mappings name them
 * (case-insensitive): the well-known names above, else the directory's own attributes. Empty when none.
 */
export function userAttribute(user: DirectoryUser, name: string): string[] {
  const reader = DERIVED[name.toLowerCase()];
  const value = reader ? reader(user) : attributeOf(user, name);
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== '');
}

/** The userPrincipalName: the directory's, else a login that looks like one, else the email, else the login. */
function upnOf(user: DirectoryUser): string {
  const stored = attributeOf(user, 'userPrincipalName');
  if (typeof stored === 'string') return stored;
  return user.login.includes('@') ? user.login : (user.email ?? user.login);
}

function surnameOf(user: DirectoryUser): string | undefined {
  const parts = user.name?.split(' ') ?? [];
  return parts.length > 1 ? parts.slice(1).join(' ') : undefined;
}

function attributeOf(user: DirectoryUser, name: string): string | string[] | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(user.attributes).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : user.attributes[key];
}
