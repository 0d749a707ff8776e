/**
 * The `gatehouse` command run from source (bin/gatehouse.js runs the build in dist/): tests start real nodes
 * with `node --import tsx test/helpers/gatehouse-cli.ts start --config FILE`.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
