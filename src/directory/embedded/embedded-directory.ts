import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';
import type { Directory, DirectoryUser, PasswordCheck } from '../types.js';
import { scryptHasher, type PasswordHasher } from './password-hash.js';
import { validateLogin, validateNewUser, type NewUser } from './validate-user.js';

/** A user of the embedded directory as stored: the directory fields plus the password hash. */
interface StoredUser {
  id: string;
  login: string;
  name?: string;
  email?: string;
  groups: string[];
  disabled?: boolean;
  passwordHash: string;
  createdAt: string;
}

const USERS = 'directory.user';
const LOGINS = 'directory.login';

/**
 * Users and groups kept in the Store's durable records, so every node (and the CLI) sees the same directory.
 * Logins are case-insensitive, as on Active Directory.
 */
export class EmbeddedDirectory implements Directory {
  readonly type = 'embedded';
  #dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher = scryptHasher,
  ) {}

  async findUser(login: string): Promise<DirectoryUser | null> {
    if (!validateLogin(login)) return null;
    const id = await this.store.getRecord<string>(LOGINS, login.toLowerCase());
    return id ? this.getUser(id) : null;
  }

  async getUser(id: string): Promise<DirectoryUser | null> {
    const stored = await this.store.getRecord<StoredUser>(USERS, id);
    return stored ? toDirectoryUser(stored) : null;
  }

  async verifyPassword(login: string, password: string): Promise<PasswordCheck> {
    const stored = validateLogin(login) ? await this.#findStored(login) : undefined;
    // An unknown user still costs one hash check, so the answer and the work done are the same as a wrong password.
    const hash = stored?.passwordHash ?? (await this.#dummy());
    const matches = await this.hasher.verify(password, hash);
    if (!stored || !matches) return { ok: false, reason: 'invalid' };
    if (stored.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, user: toDirectoryUser(stored) };
  }

  async addUser(input: NewUser): Promise<DirectoryUser> {
    const user = validateNewUser(input);
    if (await this.store.getRecord(LOGINS, user.login.toLowerCase())) throw new Error(`user ${user.login} already exists`);
    const stored: StoredUser = {
      id: randomUUID(),
      login: user.login,
      ...(user.name ? { name: user.name } : {}),
      ...(user.email ? { email: user.email } : {}),
      groups: user.groups,
      passwordHash: await this.hasher.hash(user.password),
      createdAt: new Date().toISOString(),
    };
    await this.store.putRecord(USERS, stored.id, stored);
    await this.store.putRecord(LOGINS, stored.login.toLowerCase(), stored.id);
    return toDirectoryUser(stored);
  }

  async listUsers(): Promise<DirectoryUser[]> {
    const records = await this.store.listRecords<StoredUser>(USERS);
    return records.map(([, user]) => toDirectoryUser(user)).sort((a, b) => a.login.localeCompare(b.login));
  }

  async removeUser(login: string): Promise<boolean> {
    const stored = await this.#findStored(login);
    if (!stored) return false;
    await this.store.deleteRecord(LOGINS, stored.login.toLowerCase());
    await this.store.deleteRecord(USERS, stored.id);
    return true;
  }

  async setPassword(login: string, password: string): Promise<boolean> {
    const stored = await this.#findStored(login);
    if (!stored) return false;
    validateNewUser({ login: stored.login, password });
    await this.store.putRecord(USERS, stored.id, { ...stored, passwordHash: await this.hasher.hash(password) });
    return true;
  }

  async ping(): Promise<void> {
    await this.store.ping();
  }

  async close(): Promise<void> {}

  async #findStored(login: string): Promise<StoredUser | undefined> {
    const id = await this.store.getRecord<string>(LOGINS, login.toLowerCase());
    return id ? this.store.getRecord<StoredUser>(USERS, id) : undefined;
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.hasher.hash('gatehouse-dummy-password');
    return this.#dummyHash;
  }
}

function toDirectoryUser(stored: StoredUser): DirectoryUser {
  const attributes: Record<string, string | string[]> = { uid: stored.login, groups: stored.groups };
  if (stored.email) attributes.mail = stored.email;
  if (stored.name) attributes.displayName = stored.name;
  return {
    id: stored.id,
    login: stored.login,
    ...(stored.name ? { name: stored.name } : {}),
    ...(stored.email ? { email: stored.email } : {}),
    groups: [...stored.groups],
    immutableId: stored.id,
    disabled: stored.disabled ?? false,
    attributes,
  };
}
