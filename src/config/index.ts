export { loadConfig, buildConfig, type Config } from './load-config.js';
export { ConfigError, type ConfigProblem } from './config-error.js';
export { parseDuration } from './duration.js';
export type { ConfigInput, RelyingPartyConfig, OidcRelyingPartyConfig } from './schema.js';
