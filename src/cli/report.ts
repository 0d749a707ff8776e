import { formatCsv, formatJson, formatTable, parseSince, reportFromFiles } from '../audit/index.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type Verb } from './types.js';

const FORMATS = ['table', 'csv', 'json'] as const;

const USAGE = `usage: gatehouse report --since DATE|DURATION [--until DATE] [--format table|csv|json] [--file FILE ...]
  sign-ins by result, method and relying party; denials by reason; push outcomes; users locked out; policy
  decisions; admin actions. Reads the audit file sinks of the config (audit.sinks: [{ file: … }]) and their rotated
  copies; --file adds (or, with no file sink configured, gives) audit files, e.g. another node's.
  --since 7d, 24h (back from now), 2030-01-31 (midnight UTC) or an ISO time; --until likewise, default now`;

/** `gatehouse report`: a usage report from the audit files; works with or without a running server. */
export const reportVerb: Verb = {
  name: 'report',
  summary: 'usage report from the audit trail: sign-ins, denials, push outcomes, lockouts',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      since: { type: 'string' },
      until: { type: 'string' },
      format: { type: 'string' },
      file: { type: 'string', multiple: true },
    });
    if (values.help) return io.out(USAGE), EXIT.ok;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const now = Date.now();
    if (!values.since) throw new UsageError('--since is required (e.g. --since 7d or --since 2030-01-31)');
    const since = parseSince(values.since, now);
    if (since === undefined) throw new UsageError(`--since: "${values.since}" is not a date (2030-01-31), an ISO time or a duration (7d)`);
    const until = values.until === undefined ? now + 1 : parseSince(values.until, now);
    if (until === undefined) throw new UsageError(`--until: "${values.until}" is not a date, an ISO time or a duration`);
    if (until <= since) throw new UsageError('--until must be after --since');
    const format = values.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const config = loadCliConfig(values.config, io);
    const files = [...config.audit.sinks.flatMap((sink) => (sink === 'stdout' ? [] : [sink.file])), ...(values.file ?? [])];
    if (files.length === 0) {
      io.err('gatehouse report: no audit file to read: add a file sink (audit.sinks: [stdout, { file: ./data/audit.log }]) or give --file');
      return EXIT.failed;
    }
    const { report, summary } = await reportFromFiles(files, { since, until });
    if (summary.files.length === 0) io.err(`gatehouse report: none of the audit files exists yet (${files.join(', ')}): the report is empty`);
    if (summary.badLines > 0) io.err(`gatehouse report: skipped ${summary.badLines} line(s) that are not audit events`);
    io.out(format === 'json' ? formatJson(report) : format === 'csv' ? formatCsv(report) : formatTable(report));
    return EXIT.ok;
  },
};
