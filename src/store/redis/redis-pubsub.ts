import type { RedisClient } from './connect-redis.js';
import type { RedisKeys } from './redis-keys.js';

interface Subscriber {
  onMessage: (message: string) => void;
  active: boolean;
}

/**
 * Subscriptions of this process on one dedicated connection (a subscribed connection can do nothing else).
 * Many local subscribers share one Redis SUBSCRIBE per channel; the connection resubscribes by itself after
 * reconnecting. Messages published while it was disconnected are not delivered: pub/sub is a nudge ("the
 * transaction changed"), and whoever waits must read the state itself after a reconnect or a timeout.
 */
export class RedisPubSub {
  private readonly channels = new Map<string, Set<Subscriber>>();
  /** Redis SUBSCRIBE/UNSUBSCRIBE calls run one after another, so a channel's count and Redis's agree. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: RedisClient,
    private readonly keys: RedisKeys,
    private readonly onSubscriberError: (channel: string, error: unknown) => void,
  ) {
    connection.on('message', (redisChannel: string, message: string) => this.deliver(redisChannel, message));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const subscriber: Subscriber = { onMessage, active: true };
    await this.serially(async () => {
      const subscribers = this.channels.get(channel);
      if (subscribers) {
        subscribers.add(subscriber);
        return;
      }
      await this.connection.subscribe(this.keys.channel(channel));
      this.channels.set(channel, new Set([subscriber]));
    });
    return async () => {
      if (!subscriber.active) return;
      subscriber.active = false;
      await this.serially(async () => {
        const subscribers = this.channels.get(channel);
        if (!subscribers) return;
        subscribers.delete(subscriber);
        if (subscribers.size > 0) return;
        this.channels.delete(channel);
        // Best effort: should it fail (Redis unreachable), a reconnect may subscribe the channel again, and its
        // messages then find no subscriber here and are dropped.
        await this.connection.unsubscribe(this.keys.channel(channel)).catch(() => undefined);
      });
    };
  }

  clear(): void {
    for (const subscribers of this.channels.values()) for (const subscriber of subscribers) subscriber.active = false;
    this.channels.clear();
  }

  private deliver(redisChannel: string, message: string): void {
    const channel = this.keys.channelName(redisChannel);
    const subscribers = channel === undefined ? undefined : this.channels.get(channel);
    if (!subscribers) return;
    for (const subscriber of [...subscribers]) {
      if (!subscriber.active) continue;
      try {
        subscriber.onMessage(message);
      } catch (error) {
        this.onSubscriberError(channel!, error);
      }
    }
  }

  private serially<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
