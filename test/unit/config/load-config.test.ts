import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildConfig, ConfigError, loadConfig } from '../../../src/config/index.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

describe('configuration', () => {
  let dir: string;
  before(async () => (dir = await makeTempDir()));
  after(() => removeTempDir(dir));

  const problem = (input: unknown) => {
    try {
      buildConfig(input);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
    assert.fail('the config was accepted');
  };

  it('gives every key a default, so no config at all is a working single node', () => {
    const config = loadConfig(undefined, {});
    assert.equal(config.issuer, 'http://localhost:8080');
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 8080 });
    assert.deepEqual(config.store, { type: 'embedded' });
    assert.deepEqual(config.directory, { type: 'embedded' });
    assert.equal(config.push.timeout, 60_000);
    assert.equal(config.lockout.window, 30 * 60_000);
    assert.equal(config.policyDefault, 'allow');
  });

  it('resolves relative paths against the config file folder', async () => {
    const file = join(dir, 'gatehouse.yaml');
    await writeFile(file, 'dataDir: ./state\nkeys: { dir: ./keys }\n');
    const config = loadConfig(file, {});
    assert.equal(config.dataDir, join(dir, 'state'));
    assert.equal(config.keys.dir, join(dir, 'keys'));
  });

  it('reads the file named by GATEHOUSE_CONFIG when no --config is given', async () => {
    const file = join(dir, 'env.yaml');
    await writeFile(file, 'organization: { name: Example Corp }\n');
    assert.equal(loadConfig(undefined, { GATEHOUSE_CONFIG: file }).organization.name, 'Example Corp');
  });

  it('names the key and what is wrong for a value of the wrong type', () => {
    assert.equal(problem({ listen: { port: 'eighty' } }), 'config: listen.port: Invalid input: expected number, received string');
  });

  it('names an unknown key instead of ignoring a typo', () => {
    assert.equal(problem({ isuer: 'http://x' }), 'config: unknown key isuer');
  });

  it('refuses a redirect URI that is not an http(s) URL, naming its position', () => {
    assert.match(problem({ relyingParties: [{ type: 'oidc', id: 'a', redirectUris: ['javascript:alert(1)'] }] }), /relyingParties\[0\]\.redirectUris\[0\]: must be an http\(s\) URL/);
  });

  it('refuses a duration it cannot read', () => {
    assert.match(problem({ push: { timeout: 'a minute' } }), /push\.timeout: "a minute" is not a duration/);
  });

  it('refuses two relying parties with the same id', () => {
    const rp = { type: 'oidc', id: 'a', redirectUris: ['https://a/cb'] };
    assert.match(problem({ relyingParties: [rp, rp] }), /relyingParties\[1\]\.id: "a" is already used by relyingParties\[0\]/);
  });

  it('reports a file that is not YAML with its line', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'issuer: http://x\n  listen: [\n');
    assert.throws(() => loadConfig(file, {}), (error: Error) => error instanceof ConfigError && /not valid YAML at line \d+/.test(error.message));
  });

  it('reports a file that cannot be read', () => {
    assert.throws(() => loadConfig(join(dir, 'missing.yaml'), {}), /cannot read the file \(ENOENT\)/);
  });
});
