import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// slapd and slapadd live in /usr/sbin, which a non-root user's PATH usually lacks.
const extraDirs = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The absolute path of an installed program; throws naming the Debian package when it is missing. */
export function systemBinary(name: string, debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this dir
    }
  }
  throw new Error(`${name} is not installed (Debian package ${debianPackage}); run node test/helpers/ensure-system-packages.js`);
}
