import type { RecordChange } from './record-line.js';

interface Slot {
  json: string;
  /** Size of the log line that wrote this record, to tell how much of the log is still live. */
  bytes: number;
}

/** The current value of every durable record, as replayed from the log. */
export class RecordTable {
  private readonly kinds = new Map<string, Map<string, Slot>>();
  private live = 0;

  /** Bytes of the log lines that hold current values; the rest of the log is dead weight. */
  get liveBytes(): number {
    return this.live;
  }

  apply(change: RecordChange, lineBytes: number): void {
    let records = this.kinds.get(change.kind);
    const previous = records?.get(change.id);
    if (previous) this.live -= previous.bytes;
    if (change.json === null) {
      records?.delete(change.id);
      if (records?.size === 0) this.kinds.delete(change.kind);
      return;
    }
    if (!records) {
      records = new Map();
      this.kinds.set(change.kind, records);
    }
    records.set(change.id, { json: change.json, bytes: lineBytes });
    this.live += lineBytes;
  }

  get(kind: string, id: string): string | undefined {
    return this.kinds.get(kind)?.get(id)?.json;
  }

  list(kind: string): Array<[string, string]> {
    return [...(this.kinds.get(kind) ?? [])].map(([id, slot]) => [id, slot.json]);
  }

  *changes(): IterableIterator<RecordChange> {
    for (const [kind, records] of this.kinds) for (const [id, slot] of records) yield { kind, id, json: slot.json };
  }
}
