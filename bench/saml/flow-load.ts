import { BENCH_USERS } from '../signin/bench-constants.js';
import { RequestLog, type RequestRecorder } from '../signin/request-log.js';

/** One kind of sign-in the load repeats: the OIDC code flow or SAML SSO. */
export type Flow = (issuerBase: string, user: { login: string; password: string }, log: RequestRecorder) => Promise<unknown>;

export interface FlowWindow {
  seconds: number;
  signins: number;
  errors: number;
  errorSamples: string[];
  latenciesMs: number[];
  requests: RequestLog;
}

/**
 * `concurrency` virtual users doing one flow back to back, each sign-in with a fresh cookie jar (a browser that
 * kept its SSO session would skip the password). Only sign-ins that complete inside the window count.
 */
export async function runWindow(issuerBase: string, flow: Flow, concurrency: number, durationMs: number): Promise<FlowWindow> {
  const window: FlowWindow = { seconds: 0, signins: 0, errors: 0, errorSamples: [], latenciesMs: [], requests: new RequestLog() };
  const started = performance.now();
  const until = started + durationMs;
  const user = async (index: number) => {
    const account = BENCH_USERS[index % BENCH_USERS.length]!;
    while (performance.now() < until) {
      const begun = performance.now();
      const requests = new RequestLog();
      try {
        await flow(issuerBase, account, requests);
        if (performance.now() <= until) {
          window.signins += 1;
          window.latenciesMs.push(performance.now() - begun);
          window.requests.merge(requests);
        }
      } catch (error) {
        window.errors += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (window.errorSamples.length < 3 && !window.errorSamples.includes(message)) window.errorSamples.push(message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => user(index)));
  window.seconds = (performance.now() - started) / 1000;
  return window;
}
