interface Subscriber {
  onMessage: (message: string) => void;
  active: boolean;
}

/**
 * In-process publish/subscribe. Delivery is always asynchronous (like Redis), so a subscriber never runs inside
 * the publisher's call stack, and a subscriber that throws cannot break the publisher or the other subscribers.
 */
export class LocalPubSub {
  private readonly channels = new Map<string, Set<Subscriber>>();

  publish(channel: string, message: string): void {
    const subscribers = [...(this.channels.get(channel) ?? [])];
    if (subscribers.length === 0) return;
    setImmediate(() => {
      for (const subscriber of subscribers) {
        // Checked at delivery time: once unsubscribe resolves, no further message arrives.
        if (!subscriber.active) continue;
        try {
          subscriber.onMessage(message);
        } catch (error) {
          process.emitWarning(`a store subscriber of "${channel}" threw: ${String(error)}`, 'GatehouseStoreWarning');
        }
      }
    });
  }

  subscribe(channel: string, onMessage: (message: string) => void): () => void {
    const subscriber: Subscriber = { onMessage, active: true };
    let subscribers = this.channels.get(channel);
    if (!subscribers) {
      subscribers = new Set();
      this.channels.set(channel, subscribers);
    }
    subscribers.add(subscriber);
    return () => {
      subscriber.active = false;
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && this.channels.get(channel) === subscribers) this.channels.delete(channel);
    };
  }

  clear(): void {
    for (const subscribers of this.channels.values()) for (const subscriber of subscribers) subscriber.active = false;
    this.channels.clear();
  }
}
