import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseActivation } from '../../../src/cli/authenticator-actions.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';

/** Every file a module reaches through relative imports (what it would load at run time). */
async function reachable(entry: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = await readFile(entry, 'utf8');
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    await reachable(resolve(dirname(entry), match[1]!.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('the reference authenticator', () => {
  it('imports nothing from src/devices, directly or through anything it loads', async () => {
    const cli = join(PACKAGE_ROOT, 'src/cli');
    const entries = (await readdir(cli)).filter((name) => name.startsWith('authenticator')).map((name) => join(cli, name));
    assert.ok(entries.length >= 3);
    for (const entry of entries) {
      const files = [...(await reachable(entry))].map((file) => relative(PACKAGE_ROOT, file));
      assert.deepEqual(files.filter((file) => file.startsWith('src/devices/')), [], `${relative(PACKAGE_ROOT, entry)} reaches src/devices`);
    }
  });

  it('reads the service and the code from the QR code’s URL, even under a path prefix', () => {
    assert.deepEqual(parseActivation('https://idp.example.org/device/v1/activate?code=ABCD-1234-EFGH', () => 'unused'), { service: 'https://idp.example.org', code: 'ABCD-1234-EFGH' });
    assert.deepEqual(parseActivation('https://example.org/idp/device/v1/activate?code=X', () => 'unused'), { service: 'https://example.org/idp', code: 'X' });
    assert.deepEqual(parseActivation('ABCD-1234-EFGH', () => 'http://localhost:8080'), { service: 'http://localhost:8080', code: 'ABCD-1234-EFGH' });
    assert.throws(() => parseActivation('https://example.org/else?code=X', () => ''), /not an activation URL/);
  });
});
