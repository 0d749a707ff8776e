import { access, chmod, readFile, writeFile } from 'node:fs/promises';
import type { JWK } from 'jose';

/**
 * The reference authenticator's state: the service it is activated with, its device id and its key pair. The file
 * holds the private key, so it is created mode 0600 and never overwritten by a new enrollment.
 */
export interface AuthenticatorProfile {
  version: 1;
  /** The service's base URL (the part before /device/v1). */
  service: string;
  deviceId: string;
  name: string;
  account: { login: string; organization: string };
  passwordless: boolean;
  privateJwk: JWK;
  publicJwk: JWK;
}

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

export async function readProfile(file: string): Promise<AuthenticatorProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ProfileError(`cannot read the profile ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let profile: Partial<AuthenticatorProfile>;
  try {
    profile = JSON.parse(text) as Partial<AuthenticatorProfile>;
  } catch {
    throw new ProfileError(`the profile ${file} is not JSON`);
  }
  if (profile.version !== 1 || typeof profile.service !== 'string' || typeof profile.deviceId !== 'string' || !profile.privateJwk?.d) {
    throw new ProfileError(`the profile ${file} is not an activated authenticator profile`);
  }
  return profile as AuthenticatorProfile;
}

/** Refuses a profile path that already exists (its key would be lost). */
export async function assertNoProfile(file: string): Promise<void> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new ProfileError(`the profile ${file} already exists; choose another file`);
}

/** Writes a new profile; refuses to replace an existing file (its key would be lost). */
export async function createProfile(file: string, profile: AuthenticatorProfile): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ProfileError(`the profile ${file} already exists; choose another file`);
    throw new ProfileError(`cannot write the profile ${file}: ${(error as Error).message}`);
  }
}

export async function saveProfile(file: string, profile: AuthenticatorProfile): Promise<void> {
  await writeFile(file, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}
