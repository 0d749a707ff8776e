import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';

/** A test CA and a server certificate it signed, for 127.0.0.1 (IP subjectAltName), as PEM files in `dir`. */
export interface TestCertificates {
  /** The CA certificate clients trust. */
  ca: string;
  cert: string;
  key: string;
  /** A second CA that signed nothing here: trusting it instead must fail. */
  otherCa: string;
}

async function openssl(args: string[]): Promise<void> {
  const result = await runCommand(systemBinary('openssl', 'openssl'), args);
  if (result.code !== 0) throw new Error(`openssl ${args[0]} exited ${String(result.code)}: ${result.stderr.trim()}`);
}

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=Gatehouse ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { cert, key };
}

/** Makes the CA and a server certificate with subjectAltName IP:127.0.0.1 (libldap and Node check it). */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const ca = await makeCa(dir, 'test-ca');
  const other = await makeCa(dir, 'other-ca');
  const key = join(dir, 'server-key.pem');
  const csr = join(dir, 'server.csr');
  const cert = join(dir, 'server.pem');
  const extensions = join(dir, 'server.ext');
  await writeFile(extensions, 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1']);
  await openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', extensions]);
  return { ca: ca.cert, cert, key, otherCa: other.cert };
}
