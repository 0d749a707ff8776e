import type { MatrixRun } from '../common/matrix-results.js';

/** The part of a MatrixRun the figure shows: a whole MatrixRun is one, and so is a results file's row read loosely. */
export type PlottedRun = Pick<MatrixRun, 'contender' | 'path' | 'directory' | 'store' | 'concurrency' | 'signinsPerSecond'> & {
  latencyMs: Pick<MatrixRun['latencyMs'], 'p99'>;
};
