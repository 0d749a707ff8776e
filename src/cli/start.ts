import { createGatehouse } from '../server.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, type Verb } from './types.js';

const USAGE = `usage: gatehouse start [--config FILE]
  runs the server; with no config: embedded directory and store in ./data, dev certificates in ./certs,
  http://localhost:8080`;

/** `gatehouse start`: runs a node until SIGINT or SIGTERM. */
export const startVerb: Verb = {
  name: 'start',
  summary: 'run the server',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {});
    if (values.help) return io.out(USAGE), EXIT.ok;
    if (positionals.length) return io.err(`gatehouse start: unexpected argument "${positionals[0]}"`), EXIT.usage;
    const config = loadCliConfig(values.config, io);
    const gatehouse = await createGatehouse(config, { env: io.env });
    const { url } = await gatehouse.start();
    const rps = config.relyingParties.length;
    io.err(
      [
        `Gatehouse is listening on ${url} (issuer ${config.issuer})`,
        `  data: ${config.dataDir}   keys: ${config.keys.dir}   config: ${values.config ?? io.env.GATEHOUSE_CONFIG ?? 'defaults'}`,
        `  OIDC discovery: ${config.issuer}/oidc/.well-known/openid-configuration`,
        '',
        'Next:',
        '  1. add a user:    node bin/gatehouse.js users add alice --name "Alice" --password-stdin',
        rps
          ? `  2. ${rps} relying part${rps === 1 ? 'y is' : 'ies are'} registered; point them at the issuer above`
          : '  2. register an app: add it under relyingParties in a config file (see README), then restart with --config FILE',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await gatehouse.stop();
    return EXIT.ok;
  },
};
