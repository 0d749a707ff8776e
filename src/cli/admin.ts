import { parseDuration } from '../config/index.js';
import { ApiTokens } from '../admin/api-tokens.js';
import { systemClock } from '../clock/clock.js';
import { createStore } from '../store/index.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type Verb } from './types.js';

const USAGE = `usage: gatehouse admin token create --name N [--expires 30d|never]
       gatehouse admin token list [--json]
       gatehouse admin token revoke ID
  a token is printed once; send it as "Authorization: Bearer <token>" to /admin/api`;

/** `gatehouse admin token …`: API tokens for automation against /admin/api. */
export const adminVerb: Verb = {
  name: 'admin',
  summary: 'create, list and revoke admin API tokens',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { name: { type: 'string' }, expires: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return io.out(USAGE), EXIT.ok;
    const [noun, action, id] = positionals;
    if (noun !== 'token' || !['create', 'list', 'revoke'].includes(action ?? '')) throw new UsageError('expected: admin token create|list|revoke');
    const expires = values.expires ?? '30d';
    const parsed = expires === 'never' ? null : parseDuration(expires);
    if (expires !== 'never' && (parsed === null || parsed <= 0)) throw new UsageError(`--expires: "${expires}" is not a duration (e.g. 30d) or never`);
    const lifetime = parsed;
    if (action === 'create' && !values.name) throw new UsageError('admin token create: --name is required');
    if (action === 'revoke' && !id) throw new UsageError('admin token revoke: ID is missing');
    const config = loadCliConfig(values.config, io);
    const store = await createStore(config);
    const tokens = new ApiTokens(store, systemClock);
    try {
      if (action === 'create') {
        const { token, record } = await tokens.create(values.name!, lifetime);
        io.out(token);
        io.err(`token ${record.id} "${record.name}" ${record.expiresAt ? `expires ${record.expiresAt}` : 'never expires'}; it is shown only now`);
        return EXIT.ok;
      }
      if (action === 'list') {
        const list = await tokens.list();
        if (values.json) io.out(JSON.stringify(list.map(({ hash: _hash, ...rest }) => rest), null, 2));
        else for (const t of list) io.out(`${t.id}\t${t.name}\t${t.createdAt}\t${t.expiresAt ?? 'never'}`);
        return EXIT.ok;
      }
      if (await tokens.revoke(id!)) return io.out(`revoked ${id}`), EXIT.ok;
      io.err(`gatehouse admin token revoke: no token ${id}`);
      return EXIT.failed;
    } finally {
      await store.close();
    }
  },
};
