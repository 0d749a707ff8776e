import type { Directory } from '../directory/types.js';
import type { GatehouseMetrics } from './gatehouse-metrics.js';

const TIMED = new Set(['verifyPassword', 'findUser', 'getUser']);

/**
 * The directory with its calls timed (gatehouse_directory_request_duration_seconds). A Proxy, so every other
 * method and the directory's class (the embedded directory's addUser, instanceof) stay as they are.
 */
export function instrumentDirectory<D extends Directory>(directory: D, metrics: GatehouseMetrics): D {
  return new Proxy(directory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !TIMED.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        const end = metrics.directoryDuration.startTimer({ operation: property });
        try {
          const result: unknown = await value.apply(target, args);
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: 'error' });
          throw error;
        }
      };
    },
  });
}
