/**
 * Where everything lives in Redis. Every key starts with the configured prefix (default "gh:"), so several
 * deployments can share one Redis; after the prefix a type letter keeps the namespaces apart:
 *
 *   <prefix>v:<key>                     ephemeral value (JSON text; counters as integers), with a TTL
 *   <prefix>s:<key>                     ephemeral set, with a TTL (separate from values, as in the embedded store)
 *   <prefix>c:<channel>                 pub/sub channel
 *   <prefix>{rec}:r:<kind>              durable records of one kind: a hash of id -> JSON text, no TTL
 *   <prefix>{rec}:kinds                 the set of kinds that have records (backup walks it)
 *   <prefix>{rec}:stage:<op>:<kind>     a restore's records before they are swapped in (expire if abandoned)
 *   <prefix>{rec}:snap:<op>:<kind>      a backup's frozen copy while it is read out (expire if abandoned)
 *
 * The `{rec}` hash tag puts every durable record in one Redis Cluster slot, so the Lua scripts that write a record
 * together with its kind, freeze a backup and swap in a restore touch keys of one slot only. Ephemeral keys carry no
 * tag and spread over the cluster.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  value(key: string): string {
    return `${this.prefix}v:${key}`;
  }

  set(key: string): string {
    return `${this.prefix}s:${key}`;
  }

  channel(channel: string): string {
    return `${this.prefix}c:${channel}`;
  }

  /** The channel name back from a full Redis channel, or undefined when it is not one of ours. */
  channelName(redisChannel: string): string | undefined {
    const head = `${this.prefix}c:`;
    return redisChannel.startsWith(head) ? redisChannel.slice(head.length) : undefined;
  }

  records(kind: string): string {
    return `${this.prefix}{rec}:r:${kind}`;
  }

  kinds(): string {
    return `${this.prefix}{rec}:kinds`;
  }

  staged(operation: string, kind: string): string {
    return `${this.prefix}{rec}:stage:${operation}:${kind}`;
  }

  frozen(operation: string, kind: string): string {
    return `${this.prefix}{rec}:snap:${operation}:${kind}`;
  }
}
