/** One problem in a configuration, with the dotted path of the key it concerns. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** A configuration that cannot be used. The message is one line naming every problem's key. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${source}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
    this.name = 'ConfigError';
  }
}
