import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type ConfigProblem } from '../config/config-error.js';
import type { CreateMfaAdapter } from './types.js';

/** The built-in adapters, by the name config uses, in the order they are offered by default. */
const BUILT_IN: Record<string, () => Promise<{ default: CreateMfaAdapter }>> = {
  totp: () => import('./adapters/totp/index.js'),
  push: () => import('./adapters/push/index.js'),
  recovery: () => import('./adapters/recovery/index.js'),
};

/** `mfa.adapters` when config leaves it out: every built-in adapter. */
export const DEFAULT_MFA_ADAPTERS = Object.keys(BUILT_IN);

/** An adapter module named in config, imported and with its options, not yet created. */
export interface AdapterModule {
  /** Where config names it, for messages: `mfa.adapters[1]`. */
  path: string;
  /** The built-in name, or the module as written in config. */
  name: string;
  builtIn: boolean;
  create: CreateMfaAdapter;
  options: Record<string, unknown>;
}

export type AdapterRef = string | { module: string; options: Record<string, unknown> };

/**
 * Imports every adapter module config names: built-ins by name, third-party ones by npm module name or by file
 * path (relative to the config file). Every problem is collected and reported at once, each with its key.
 */
export async function loadAdapterModules(
  config: { mfa: { adapters?: AdapterRef[] | undefined }; baseDir: string },
  builtInOptions: (name: string) => Record<string, unknown> = () => ({}),
): Promise<AdapterModule[]> {
  const refs = config.mfa.adapters ?? DEFAULT_MFA_ADAPTERS;
  const problems: ConfigProblem[] = [];
  const modules: AdapterModule[] = [];
  for (const [index, ref] of refs.entries()) {
    const path = `mfa.adapters[${index}]`;
    if (typeof ref === 'string') {
      const load = BUILT_IN[ref];
      if (!load) problems.push({ path, message: `unknown built-in adapter "${ref}" (built in: ${DEFAULT_MFA_ADAPTERS.join(', ')}; a third-party adapter is { module: ./file.js })` });
      else modules.push({ path, name: ref, builtIn: true, create: (await load()).default, options: builtInOptions(ref) });
      continue;
    }
    const loaded = await importThirdParty(ref.module, config.baseDir);
    if ('problem' in loaded) problems.push({ path, message: loaded.problem });
    else modules.push({ path, name: ref.module, builtIn: false, create: loaded.create, options: ref.options });
  }
  if (problems.length > 0) throw new ConfigError('config', problems);
  return modules;
}

async function importThirdParty(specifier: string, baseDir: string): Promise<{ create: CreateMfaAdapter } | { problem: string }> {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  let url: string;
  if (isPath) {
    const file = resolve(baseDir, specifier);
    if (!existsSync(file)) return { problem: `module "${specifier}" not found (no file ${file})` };
    url = pathToFileURL(file).href;
  } else {
    const found = resolvePackage(specifier, baseDir);
    if (!found) return { problem: `module "${specifier}" not found (install it next to the config file or with Gatehouse)` };
    url = found;
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    return { problem: `module "${specifier}" could not be loaded: ${firstLine(error)}` };
  }
  if (typeof loaded.default !== 'function') return { problem: `module "${specifier}" does not default-export create(options, deps)` };
  return { create: loaded.default as CreateMfaAdapter };
}

/** An npm module: first as installed next to the config file, then as installed with Gatehouse. */
function resolvePackage(name: string, baseDir: string): string | undefined {
  for (const from of [join(baseDir, 'package.json'), import.meta.url]) {
    try {
      return pathToFileURL(createRequire(from).resolve(name)).href;
    } catch {
      // not installed there
    }
  }
  try {
    return import.meta.resolve(name);
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
