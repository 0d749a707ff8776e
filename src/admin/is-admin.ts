import type { DirectoryUser } from '../directory/types.js';

/**
 * Whether the user is in the admin group (config `admin.group`). Groups compare without case, and a group given
 * or held as a DN also matches by its first RDN's value (`CN=GatehouseAdmins,OU=Groups,…` is `GatehouseAdmins`).
 */
export function isAdmin(user: DirectoryUser, group: string): boolean {
  const wanted = [group.toLowerCase(), firstRdnValue(group)];
  return user.groups.some((held) => {
    const names = [held.toLowerCase(), firstRdnValue(held)];
    return names.some((name) => name !== undefined && wanted.includes(name));
  });
}

function firstRdnValue(name: string): string | undefined {
  const match = /^\s*[A-Za-z][\w-]*\s*=\s*((?:\\.|[^,\\])+)\s*,/.exec(name);
  return match ? match[1]!.replace(/\\(.)/g, '$1').trim().toLowerCase() : undefined;
}
