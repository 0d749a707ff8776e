import { InvalidCredentialsError, ResultCodeError, SizeLimitExceededError, type Client } from 'ldapts';
import type { Directory, DirectoryUser, PasswordCheck, PasswordFailure } from '../types.js';
import { adBindFailure } from './ad-bind-error.js';
import { GroupResolver } from './group-resolver.js';
import { allOf, anyAttributeEquals, filter } from './ldap-filter.js';
import { searchOn, type Search } from './search.js';
import { DirectoryUnavailableError, ServerSet } from './server-set.js';
import type { LdapDependencies, LdapDirectoryOptions, LdapRecord } from './types.js';
import { BINARY_ATTRIBUTES, idFilter, isDisabled, isLockedByPolicy, toDirectoryUser, userAttributes, userIdOf } from './user-entry.js';
import { UserScanner } from './user-scanner.js';
import { UserCache } from './user-cache.js';

const MAX_LOGIN = 256;
const MAX_PASSWORD = 1024;
const INVALID: PasswordCheck = { ok: false, reason: 'invalid' };

/**
 * Users and groups in LDAP or Active Directory. Passwords are checked by binding as the user: found first with the
 * service account (bindMode search), or bound directly by UPN (bindMode upn). Every value in a filter is escaped;
 * every connect and operation has the configured timeout; servers fail over in order (ServerSet).
 */
export class LdapDirectory implements Directory {
  readonly type = 'ldap';
  /** Import and sync read users through this. */
  readonly scanner: UserScanner;
  readonly #servers: ServerSet;
  readonly #groups: GroupResolver;
  readonly #cache: UserCache;
  readonly #attributes: string[];
  readonly #binary: string[];
  readonly #serviceSearch: Search;

  constructor(
    readonly options: LdapDirectoryOptions,
    private readonly deps: LdapDependencies,
  ) {
    this.#servers = new ServerSet(options, deps);
    this.#groups = new GroupResolver(options.groups, options.baseDN, options.groupFilter, deps.clock);
    this.#cache = new UserCache(options.cacheTtl, deps.clock);
    this.#attributes = userAttributes(options);
    this.#binary = BINARY_ATTRIBUTES.filter((name) => this.#attributes.some((a) => a.toLowerCase() === name.toLowerCase()));
    this.#serviceSearch = (request) => this.#servers.run('search', (client) => searchOn(client, request));
    this.scanner = new UserScanner(options, this.#servers);
  }

  async findUser(login: string): Promise<DirectoryUser | null> {
    if (!login || login.length > MAX_LOGIN) return null;
    const found = await this.#servers.run('search', (client) => this.#byLogin(client, login));
    return found === 'ambiguous' || !found ? null : this.#toUser(found, this.#serviceSearch);
  }

  async getUser(id: string): Promise<DirectoryUser | null> {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const term = idFilter(id, this.options);
    if (!term) return null;
    const [record] = await this.#serviceSearch({ base: this.options.baseDN, scope: 'sub', filter: allOf(this.options.userFilter, term), attributes: this.#attributes, binary: this.#binary, sizeLimit: 1 });
    return record ? this.#toUser(record, this.#serviceSearch) : null;
  }

  async verifyPassword(login: string, password: string): Promise<PasswordCheck> {
    // An empty password would be an unauthenticated bind, which LDAP servers answer with success.
    if (!login || login.length > MAX_LOGIN || !password || password.length > MAX_PASSWORD) return INVALID;
    try {
      return this.options.bindMode === 'upn' ? await this.#verifyByUpn(login, password) : await this.#verifyBySearch(login, password);
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError)) this.deps.logger?.warn({ err: errorText(error) }, 'LDAP password check failed');
      return { ok: false, reason: 'unavailable' };
    }
  }

  async ping(): Promise<void> {
    await this.#servers.run('search', (client) => searchOn(client, { base: '', scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] }));
  }

  async close(): Promise<void> {
    await this.#servers.close();
  }

  async #verifyBySearch(login: string, password: string): Promise<PasswordCheck> {
    const found = await this.#servers.run('search', (client) => this.#byLogin(client, login));
    if (found === 'ambiguous') return INVALID;
    if (!found) {
      // The same round trip as for a known user, so the time taken does not tell that nobody has this login.
      await this.#servers.run('bind', (client) => bindAs(client, `cn=gatehouse-no-such-user,${this.options.baseDN}`, password));
      return INVALID;
    }
    const refused = await this.#servers.run('bind', (client) => bindAs(client, found.dn, password));
    if (refused) return { ok: false, reason: this.#whyRefused(found, refused) };
    if (isDisabled(found, this.options)) return { ok: false, reason: 'disabled' };
    const user = await this.#toUser(found, this.#serviceSearch);
    return user ? { ok: true, user } : INVALID;
  }

  /** Binds with user@domain (or DOMAIN\\user) as typed, then reads the entry and groups as that user on the same connection. */
  async #verifyByUpn(login: string, password: string): Promise<PasswordCheck> {
    const upn = /[@\\]/.test(login) || !this.options.upnSuffix ? login : `${login}@${this.options.upnSuffix}`;
    return this.#servers.run('bind', async (client) => {
      const refused = await bindAs(client, upn, password);
      if (refused) return { ok: false, reason: adBindFailure(refused.message) ?? 'invalid' };
      const search: Search = (request) => searchOn(client, request);
      const [record] = await search({ base: this.options.baseDN, scope: 'sub', filter: allOf(this.options.userFilter, boundAs(upn)), attributes: this.#attributes, binary: this.#binary, sizeLimit: 1 });
      if (!record) return INVALID;
      if (isDisabled(record, this.options)) return { ok: false, reason: 'disabled' };
      const user = await this.#toUser(record, search);
      return user ? { ok: true, user } : INVALID;
    });
  }

  /**
   * AD says why in the bind error (data 52e, 533, …), and only when the password was right. OpenLDAP's ppolicy
   * refuses every bind of an account with pwdAccountLockedTime, whatever the password, and tells any client that
   * asks ("Account locked"): such an entry is reported disabled (when the mapping says so) or locked. Any other
   * refusal is a wrong password, so a disabled mark the directory does not enforce is told only after a good bind.
   */
  #whyRefused(record: LdapRecord, error: Error): PasswordFailure {
    const ad = adBindFailure(error.message);
    if (ad) return ad;
    if (record.values('pwdAccountLockedTime').length === 0) return 'invalid';
    return isLockedByPolicy(record, this.options) ? 'locked' : 'disabled';
  }

  async #byLogin(client: Client, login: string): Promise<LdapRecord | 'ambiguous' | undefined> {
    const request = {
      base: this.options.baseDN,
      scope: 'sub' as const,
      filter: allOf(this.options.userFilter, anyAttributeEquals(this.options.loginAttributes, login)),
      attributes: this.#attributes,
      binary: this.#binary,
      sizeLimit: 2,
    };
    try {
      const records = await searchOn(client, request);
      if (records.length > 1) return this.#ambiguous(login);
      return records[0];
    } catch (error) {
      if (error instanceof SizeLimitExceededError) return this.#ambiguous(login);
      throw error;
    }
  }

  #ambiguous(login: string): 'ambiguous' {
    this.deps.logger?.warn({ login }, 'more than one LDAP entry has this login; refusing it');
    return 'ambiguous';
  }

  async #toUser(record: LdapRecord, search: Search): Promise<DirectoryUser | null> {
    const id = userIdOf(record, this.options);
    if (!id) {
      this.deps.logger?.warn({ dn: record.dn }, 'LDAP entry has no id attribute (objectGUID, entryUUID or directory.idAttribute); ignoring it');
      return null;
    }
    const user = toDirectoryUser(record, id, await this.#groups.groupsOf(record, search), this.options);
    this.#cache.set(user);
    return user;
  }
}

/** The entry a successful bind by name was for: user@domain (UPN), DOMAIN\\name (down-level), or a bare name. */
function boundAs(name: string): string {
  const downLevel = /^[^\\@]+\\([^\\]+)$/.exec(name);
  if (downLevel) return filter`(sAMAccountName=${downLevel[1]!})`;
  return name.includes('@') ? filter`(userPrincipalName=${name})` : filter`(sAMAccountName=${name})`;
}

/** Binds; resolves undefined on success and with the error when the server refused the credentials. */
async function bindAs(client: Client, dn: string, password: string): Promise<Error | undefined> {
  try {
    await client.bind(dn, password);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return error;
    // e.g. unwillingToPerform or invalidDNSyntax for a malformed name: refused, not a server failure.
    if (error instanceof ResultCodeError && error.code !== 51 && error.code !== 52) return error;
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
