import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { configSchema, type ConfigInput, type ParsedConfig } from './schema.js';
import { validateRelyingParties } from './validate-relying-parties.js';

/** The configuration as every part of Gatehouse sees it: validated, defaulted, with paths made absolute. */
export type Config = ParsedConfig & {
  /** The folder relative paths were resolved against (the config file's folder, else the working directory). */
  baseDir: string;
};

/** Validates a configuration given as an object (the embedding API and the tests use this). */
export function buildConfig(input: ConfigInput | unknown, baseDir: string = process.cwd(), source = 'config'): Config {
  const result = configSchema.safeParse(input ?? {});
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) })),
    );
  }
  const config = result.data;
  const problems: ConfigProblem[] = validateRelyingParties(config.relyingParties);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return resolvePaths(config, baseDir);
}

/** Reads the YAML file named by `file`, else GATEHOUSE_CONFIG, else uses the defaults. */
export function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): Config {
  const path = file ?? env.GATEHOUSE_CONFIG;
  if (!path) return buildConfig({}, process.cwd(), 'defaults');
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ path: '', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  let input: unknown;
  try {
    input = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new ConfigError(path, [{ path: '', message: `not valid YAML${where}` }]);
  }
  if (input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    throw new ConfigError(path, [{ path: '', message: 'must be a YAML mapping of keys' }]);
  }
  return buildConfig(input, dirname(absolute), path);
}

function resolvePaths(config: ParsedConfig, baseDir: string): Config {
  const at = (p: string) => resolve(baseDir, p);
  return {
    ...config,
    baseDir,
    dataDir: at(config.dataDir),
    keys: { dir: at(config.keys.dir) },
    policies: at(config.policies),
    relyingParties: config.relyingParties.map((rp) =>
      rp.type === 'saml'
        ? {
            ...rp,
            signingCertificate: rp.signingCertificate && at(rp.signingCertificate),
            encryptionCertificate: rp.encryptionCertificate && at(rp.encryptionCertificate),
          }
        : rp,
    ),
    audit: { ...config.audit, sinks: config.audit.sinks.map((s) => (s === 'stdout' ? s : { file: at(s.file) })) },
  };
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}
