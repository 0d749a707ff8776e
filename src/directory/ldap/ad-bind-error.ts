import type { PasswordFailure } from '../types.js';

/**
 * Active Directory explains a refused bind (result 49) in the diagnostic message, e.g.
 * `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 533, v1db1`: the hex code after
 * `data` says why. AD sends the specific codes only when the password itself was right (a wrong password on a
 * disabled account is still 52e), except 775 (locked), which it sends either way.
 */
export const AD_BIND_CODES: Readonly<Record<string, PasswordFailure>> = {
  '525': 'invalid', // no such user: the same answer as a wrong password, on purpose
  '52e': 'invalid', // wrong password
  '530': 'logonRestricted', // not permitted to log on at this time (logonHours)
  '531': 'logonRestricted', // not permitted to log on at this workstation (userWorkstations)
  '532': 'passwordExpired',
  '533': 'disabled',
  '568': 'invalid', // too many security ids in the token: nothing the person can fix by retrying differently
  '701': 'accountExpired',
  '773': 'mustChangePassword',
  '775': 'locked',
};

/** The AD data code in a bind error's message, lower case (`52e`), or undefined when there is none. */
export function adDataCode(message: string): string | undefined {
  return /\bdata ([0-9a-f]{3,8})\b/i.exec(message)?.[1]?.toLowerCase();
}

/** Why AD refused a bind, from its diagnostic message; undefined when the message carries no known AD code. */
export function adBindFailure(message: string): PasswordFailure | undefined {
  const code = adDataCode(message);
  return code === undefined ? undefined : AD_BIND_CODES[code];
}
