export type { Store } from './types.js';
