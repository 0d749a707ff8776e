import type { Directory, DirectoryUser } from '../directory/types.js';

/** Optional abilities a directory may have beyond the Directory contract. */
interface Searchable {
  searchUsers(query: string, limit: number): Promise<DirectoryUser[]>;
}
interface Listable {
  listUsers(): Promise<DirectoryUser[]>;
}

/**
 * Users matching a query, for the admin pages: by login, name or email (substring, any case). A directory that
 * can search (`searchUsers`) is asked to; one that can list its users (the embedded directory) is filtered here;
 * any other is asked for the exact login only.
 */
export async function searchUsers(directory: Directory, query: string, limit = 50): Promise<DirectoryUser[]> {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  if (typeof (directory as Partial<Searchable>).searchUsers === 'function') return (directory as unknown as Searchable).searchUsers(query.trim(), limit);
  if (typeof (directory as Partial<Listable>).listUsers === 'function') {
    const users = await (directory as unknown as Listable).listUsers();
    return users.filter((u) => [u.login, u.name, u.email].some((field) => field?.toLowerCase().includes(q))).slice(0, limit);
  }
  const user = await directory.findUser(query.trim());
  return user ? [user] : [];
}
