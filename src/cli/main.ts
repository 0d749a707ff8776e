import { EXIT, type CliIo, type Verb } from './types.js';

/** Verbs load on use, so data verbs do not pull in the server (and oidc-provider) at all. */
const VERBS: Array<{ name: string; summary: string; load: () => Promise<Verb> }> = [
  { name: 'start', summary: 'run the server', load: async () => (await import('./start.js')).startVerb },
  { name: 'admin', summary: 'create, list and revoke admin API tokens', load: async () => (await import('./admin.js')).adminVerb },
  { name: 'policy', summary: 'check a policy file; explain a decision (what-if)', load: async () => (await import('./policy.js')).policyVerb },
  { name: 'authenticator', summary: 'the reference authenticator (a phone in a file): enroll, list and answer sign-in requests', load: async () => (await import('./authenticator.js')).authenticatorVerb },
  { name: 'report', summary: 'usage report from the audit trail: sign-ins, denials, push outcomes, lockouts', load: async () => (await import('./report.js')).reportVerb },
  { name: 'users', summary: 'add, list, remove users of the embedded directory; set passwords; import and sync from LDAP', load: async () => (await import('./users.js')).usersVerb },
  { name: 'backup', summary: 'write an encrypted snapshot of the durable data', load: async () => (await import('./backup.js')).backupVerb },
  { name: 'restore', summary: 'put a backup into the store (embedded or Redis)', load: async () => (await import('./restore.js')).restoreVerb },
];

function help(): string {
  return ['usage: gatehouse VERB [options]   (every verb takes --config FILE and --help)', '', ...VERBS.map((v) => `  ${v.name.padEnd(10)} ${v.summary}`)].join('\n');
}

const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  stdin: process.stdin,
  env: process.env,
};

/** Runs one verb and returns its exit code. A bad config or wrong usage is one line and exit 2, never a trace. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = VERBS.find((v) => v.name === name);
  if (!entry) {
    io.err(`gatehouse: unknown verb "${name}" (try gatehouse --help)`);
    return EXIT.usage;
  }
  const verb = await entry.load();
  try {
    return await verb.run(args, io);
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    // Matched by name: a verb module loaded through another loader would carry another copy of the class.
    if (error.name === 'UsageError') {
      io.err(`gatehouse ${verb.name}: ${error.message}`);
      return EXIT.usage;
    }
    if (error.name === 'ConfigError') {
      io.err(`gatehouse ${verb.name}: bad config: ${error.message}`);
      return EXIT.usage;
    }
    io.err(`gatehouse ${verb.name}: ${error.message}`);
    return EXIT.failed;
  }
}
