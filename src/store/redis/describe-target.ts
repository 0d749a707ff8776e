import type { RedisStoreOptions } from './types.js';

/** Where the store connects, for messages and logs: never with a password. */
export function describeTarget(options: RedisStoreOptions): string {
  if (options.cluster?.length) return `cluster ${options.cluster.map(withoutPassword).join(',')}`;
  if (options.sentinels?.length) return `sentinel ${options.name ?? '?'} via ${options.sentinels.join(',')}`;
  return withoutPassword(options.url ?? '?');
}

function withoutPassword(address: string): string {
  return address.replace(/\/\/[^@/]*@/, '//');
}
