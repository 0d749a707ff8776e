/** Contender A: Gatehouse (see start-gatehouse.ts), as a bench child. */
import { serveUntilStopped } from './serve-until-stopped.js';
import { startBenchGatehouse } from './start-gatehouse.js';

await serveUntilStopped(startBenchGatehouse);
