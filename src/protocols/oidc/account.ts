import type { Account, FindAccount } from 'oidc-provider';
import type { Directory } from '../../directory/types.js';

/** Claims for a subject come from the directory at the moment a token or userinfo asks for them. */
export function findAccountIn(directory: Directory): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const user = await directory.getUser(sub);
    if (!user || user.disabled) return undefined;
    return {
      accountId: user.id,
      async claims() {
        return {
          sub: user.id,
          ...(user.name ? { name: user.name } : {}),
          preferred_username: user.login,
          ...(user.email ? { email: user.email, email_verified: false } : {}),
          groups: user.groups,
        };
      },
    };
  };
}
