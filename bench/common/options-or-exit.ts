/**
 * The command line of a benchmark entry point, read by `parse`: `--help` prints the usage and exits 0, a bad option
 * prints its one-line reason with the usage and exits 2.
 */
export function optionsOrExit<T>(parse: (argv: string[]) => T | 'help', usage: string): T {
  let parsed: T | 'help';
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (parsed === 'help') {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
