/** The benchmark's server child: Gatehouse with the OIDC client and the SAML SP (see start-server.ts). */
import { serveUntilStopped } from '../signin/servers/serve-until-stopped.js';
import { startSamlBenchGatehouse } from './start-server.js';

await serveUntilStopped(startSamlBenchGatehouse);
