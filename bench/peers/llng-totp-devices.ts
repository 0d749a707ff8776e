/**
 * Registers a TOTP device for many users at once by writing LemonLDAP::NG persistent sessions directly, in the form
 * its own registration (POST /2fregisters/totp/verify) leaves them. Going through the portal would cost a sign-in
 * plus two requests per user; writing ~3000 small files takes well under a second.
 *
 * Layout, from LemonLDAP::NG 2.16's Perl source (/usr/share/perl5/Lemonldap/NG):
 * - persistentStorage is Apache::Session::File: one file per session, named by its id, in `Directory`;
 * - the id is Common::Util::getPSessionID(uid) = md5_hex(uid), where uid is the session's `whatToTrace` value: the
 *   package configuration's macro `_whatToTrace` = lc($_user) for LDAP sign-ins, i.e. the login in lower case;
 * - the file content is Common::Apache::Session::Serialize::JSON: the session hash as JSON;
 * - `_2fDevices` is itself a JSON string (Portal::Lib::2fDevices to_json/from_json) holding an array of devices,
 *   TOTP ones as { type: 'TOTP', name, epoch, _secret } (Portal::2F::Register::TOTP); `_secret` is the Base32 key in
 *   clear unless totp2fEncryptSecret is on (then "{llngcrypt}" + ciphertext), which the peer keeps off.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TotpDevice {
  login: string;
  /** Base32, as authenticator apps and LemonLDAP::NG's Convert::Base32 read it. */
  secret: string;
}

/** The persistent session id LemonLDAP::NG looks up for a user who signed in with `login`. */
export function llngPersistentSessionId(login: string): string {
  return createHash('md5').update(login.toLowerCase(), 'utf8').digest('hex');
}

/** Writes one persistent session per device into `psessionDir` (the caller hands the files to the portal's user). */
export async function writeTotpDevices(psessionDir: string, devices: readonly TotpDevice[]): Promise<void> {
  const epoch = Math.floor(Date.now() / 1000);
  const write = ({ login, secret }: TotpDevice) => {
    const id = llngPersistentSessionId(login);
    const session = {
      _session_id: id,
      _session_kind: 'Persistent',
      _session_uid: login.toLowerCase(),
      _utime: epoch,
      _2fDevices: JSON.stringify([{ type: 'TOTP', name: 'bench', epoch, _secret: secret }]),
    };
    return writeFile(join(psessionDir, id), JSON.stringify(session));
  };
  // File creation is what costs here (1-2 ms each on a busy VM disk): overlap some, but not so many that open
  // files pile up.
  for (let i = 0; i < devices.length; i += 64) await Promise.all(devices.slice(i, i + 64).map(write));
}
