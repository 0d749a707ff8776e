import { summarize, type LatencySummary } from './percentiles.js';
import { RequestLog } from './request-log.js';

/** What the driver saw during one or more measurement windows. */
export interface LoadWindow {
  /** Sign-ins completed inside the window. */
  signins: number;
  errors: number;
  /** The first few distinct error messages, to tell a broken run from a slow one. */
  errorSamples: string[];
  /** Latency of each sign-in completed inside the window, ms. */
  latenciesMs: number[];
  seconds: number;
  /** CPU the driver (this process) spent in the window, seconds: it shares the cores with the server. */
  driverCpuSeconds: number;
  requests: RequestLog;
}

export function emptyWindow(): LoadWindow {
  return { signins: 0, errors: 0, errorSamples: [], latenciesMs: [], seconds: 0, driverCpuSeconds: 0, requests: new RequestLog() };
}

/** Adds `next` into `total` (windows of several rounds make one result). */
export function addWindow(total: LoadWindow, next: LoadWindow): void {
  total.signins += next.signins;
  total.errors += next.errors;
  for (const sample of next.errorSamples) if (total.errorSamples.length < 5 && !total.errorSamples.includes(sample)) total.errorSamples.push(sample);
  for (const latency of next.latenciesMs) total.latenciesMs.push(latency);
  total.seconds += next.seconds;
  total.driverCpuSeconds += next.driverCpuSeconds;
  total.requests.merge(next.requests);
}

/** What every result made from a window reports of it: what completed, how fast, and how long each took. */
export interface WindowFigures {
  signins: number;
  errors: number;
  errorSamples: string[];
  /** Measured seconds (the windows added up). */
  seconds: number;
  signinsPerSecond: number;
  latencyMs: LatencySummary;
}

export function windowFigures(window: LoadWindow): WindowFigures {
  return {
    signins: window.signins,
    errors: window.errors,
    errorSamples: window.errorSamples,
    seconds: window.seconds,
    signinsPerSecond: window.signins / window.seconds,
    latencyMs: summarize(window.latenciesMs),
  };
}
