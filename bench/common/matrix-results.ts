import type { WindowFigures } from '../signin/load-window.js';
import type { LatencySummary } from '../signin/percentiles.js';

/** The sign-in paths the benchmark drives, each a complete sign-in from the app's request to its tokens/assertion. */
export type SigninPath = 'password' | 'totp' | 'push' | 'passwordless' | 'saml';
export type DirectoryKind = 'embedded' | 'ldap';
export type StoreKind = 'embedded' | 'redis';
export type ContenderKind = 'gatehouse' | 'bare-oidc-provider' | 'lemonldap-ng';

/** One contender, one path, one setup, one concurrency: what the closed-loop load measured. */
export interface MatrixRun extends WindowFigures {
  contender: ContenderKind;
  path: SigninPath;
  directory: DirectoryKind;
  /** The contender's session/state store ('embedded' for the peers' own: in-memory or files). */
  store: StoreKind;
  concurrency: number;
  /** Server CPU (its whole process tree; slapd and Redis apart) per completed sign-in, ms. */
  cpuMsPerSignin: number;
  /** slapd's CPU per sign-in, ms (0 with the embedded directory). */
  directoryCpuMsPerSignin: number;
  /** redis-server's CPU per sign-in, ms (0 with the embedded store). */
  storeCpuMsPerSignin: number;
  /** The driver's CPU per sign-in, ms (it shares the cores). */
  driverCpuMsPerSignin: number;
  /** CPU other processes on the machine used during the windows, in cores. */
  otherLoadCores: number;
  /** The server tree's highest RSS sampled during the window (every 0.5 s), MB. */
  peakRssMb: number;
  /** Browser requests per sign-in (the phone's calls and the page's event stream not counted). */
  requestsPerSignin: number;
  /** Push paths: from the phone sending its approval to the browser back at the app, ms. */
  approvalMs?: LatencySummary;
}

/** An open-loop run: sign-ins started at a fixed rate (half the path's best closed-loop throughput), their latency. */
export interface RateRun {
  contender: ContenderKind;
  path: SigninPath;
  directory: DirectoryKind;
  store: StoreKind;
  /** Sign-ins started per second, and the highest closed-loop throughput it is half of. */
  ratePerSecond: number;
  maxSigninsPerSecond: number;
  started: number;
  completed: number;
  errors: number;
  latencyMs: LatencySummary;
}

/** The machine's unavoidable crypto: what one signature costs, measured in one process on one thread. */
export interface CryptoFloor {
  /** RS256 (RSA 2048, PKCS#1 v1.5, SHA-256) JWS signatures, as oidc-provider signs an ID token. */
  rs256: { signaturesPerSecond: number; msPerSignature: number; verificationsPerSecond: number };
  /** An XML signature over a SAML assertion (exclusive C14N, RSA-SHA256, RSA 2048), the way Gatehouse signs it. */
  samlSignature: { signaturesPerSecond: number; msPerSignature: number; rsaShareOfSignature: number };
}
