import { constants, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from './file-lock.js';
import { syncDirectory, writeFully } from './file-sync.js';
import { readLines } from './read-lines.js';
import { decodeRecordLine, encodeRecordLine, type RecordChange } from './record-line.js';
import { RecordTable } from './record-table.js';
import { SerialQueue } from './serial-queue.js';
import { writeCompactedLog } from './write-compacted-log.js';

/** When the log is rewritten: larger than minBytes and more than ratio x its live lines. */
export interface CompactionThreshold {
  minBytes: number;
  ratio: number;
}

interface PendingWrite {
  change: RecordChange;
  line: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The durable records, kept as an append-only log of JSON lines (dataDir/records.log) that several processes
 * share: the server and CLI verbs run at the same time.
 *
 * - A write takes the cross-process lock, catches up with lines other processes appended, cuts off a torn tail a
 *   crashed writer left, appends, fdatasyncs, and only then resolves. Writes queued meanwhile share one fsync.
 * - A read stats the file and replays lines appended since the last read (or everything, when another process
 *   compacted the log and its inode changed). Reads take no lock: only complete lines with a valid checksum
 *   count, and a bad line makes the reader retry under the lock, where nobody can be half-way through a write.
 * - When the log has grown well past the live data, the writer rewrites it (see writeCompactedLog).
 *
 * Every file operation runs on one queue, so the in-memory table, the handle and the offset change together.
 */
export class RecordLog {
  private readonly path: string;
  private readonly queue = new SerialQueue();
  private table = new RecordTable();
  private handle: FileHandle | undefined;
  private inode = -1;
  /** End of the last complete line replayed into the table. */
  private offset = 0;
  private pending: PendingWrite[] = [];
  private flushQueued = false;
  private closed = false;

  private constructor(
    private readonly dataDir: string,
    private readonly compaction: CompactionThreshold,
  ) {
    this.path = join(dataDir, 'records.log');
  }

  /** Opens (creating if needed) the log in dataDir and replays it. */
  static async open(dataDir: string, compaction: CompactionThreshold): Promise<RecordLog> {
    const log = new RecordLog(dataDir, compaction);
    await log.queue.run(() => log.catchUp(false));
    return log;
  }

  /** Runs `read` on the table once it holds everything acknowledged by any process before this call. */
  read<T>(read: (table: RecordTable) => T): Promise<T> {
    return this.queue.run(async () => {
      await this.catchUp(false);
      return read(this.table);
    });
  }

  /** Appends a change; resolves once it is on disk. */
  write(change: RecordChange): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the record log is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ change, line: encodeRecordLine(change), resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        void this.queue.run(() => this.flush());
      }
    });
  }

  /** Waits for queued writes, then closes the file. */
  close(): Promise<void> {
    this.closed = true;
    return this.queue.run(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.underLock(async () => {
        await this.catchUp(true);
        const handle = await this.currentHandle();
        // Whatever follows the last complete line is a torn write from a crashed process: appending after it
        // would glue our first line onto garbage.
        if ((await handle.stat()).size > this.offset) await handle.truncate(this.offset);
        const data = Buffer.concat(batch.map((write) => write.line));
        await writeFully(handle, data, this.offset);
        await handle.datasync();
        for (const write of batch) this.table.apply(write.change, write.line.length);
        this.offset += data.length;
        await this.compactIfBloated();
      });
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    for (const write of batch) write.resolve();
  }

  private async catchUp(locked: boolean): Promise<void> {
    const onDisk = await statOrUndefined(this.path);
    let size = onDisk?.size ?? 0;
    if (!this.handle || !onDisk || onDisk.ino !== this.inode || onDisk.size < this.offset) {
      size = await this.reopen();
    }
    if (size <= this.offset) return;
    const clean = await this.replay(size, locked);
    if (!clean) await this.underLock(() => this.catchUp(true));
  }

  /** Replays lines up to `size`; false when a damaged line stopped an unlocked read. */
  private async replay(size: number, locked: boolean): Promise<boolean> {
    let clean = true;
    let skipped = 0;
    const handle = await this.currentHandle();
    this.offset += await readLines(handle, this.offset, size, (line) => {
      const change = decodeRecordLine(line);
      if (change) {
        this.table.apply(change, line.length + 1);
        return true;
      }
      if (!locked) {
        clean = false;
        return false;
      }
      skipped += 1;
      return true;
    });
    if (skipped > 0) {
      process.emitWarning(`skipped ${skipped} damaged line(s) in ${this.path}`, 'GatehouseStoreWarning');
    }
    return clean;
  }

  /** (Re)opens the file at the path, which another process may have replaced, and starts replay from zero. */
  private async reopen(): Promise<number> {
    await this.handle?.close();
    this.handle = undefined;
    const { handle, created } = await openOrCreate(this.path);
    if (created) await syncDirectory(this.dataDir);
    const { ino, size } = await handle.stat();
    this.handle = handle;
    this.inode = ino;
    this.offset = 0;
    this.table = new RecordTable();
    return size;
  }

  private async compactIfBloated(): Promise<void> {
    const { minBytes, ratio } = this.compaction;
    if (this.offset < minBytes || this.offset < ratio * this.table.liveBytes) return;
    try {
      this.table = await writeCompactedLog(this.path, this.table);
      await this.reopenCompacted();
    } catch (error) {
      // The write that triggered compaction is already durable; a failed rewrite only leaves the log long.
      process.emitWarning(`compacting ${this.path} failed: ${String(error)}`, 'GatehouseStoreWarning');
      // Forget the handle so the next catch-up replays whichever file now sits at the path.
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
    }
  }

  private async reopenCompacted(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    const handle = await open(this.path, constants.O_RDWR);
    const { ino, size } = await handle.stat();
    this.handle = handle;
    this.inode = ino;
    this.offset = size;
  }

  private async currentHandle(): Promise<FileHandle> {
    if (!this.handle) await this.catchUp(true);
    if (!this.handle) throw new Error(`could not open ${this.path}`);
    return this.handle;
  }

  private async underLock<T>(job: () => Promise<T>): Promise<T> {
    const release = await lockFile(this.path);
    try {
      return await job();
    } finally {
      await release().catch((error: unknown) => {
        process.emitWarning(`releasing the lock of ${this.path} failed: ${String(error)}`, 'GatehouseStoreWarning');
      });
    }
  }
}

// Synchronous on purpose: a stat is microseconds, while an async one waits for a libuv thread, and under load
// those are all busy hashing passwords, which made every record read queue behind scrypt.
async function statOrUndefined(path: string): Promise<{ ino: number; size: number } | undefined> {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function openOrCreate(path: string): Promise<{ handle: FileHandle; created: boolean }> {
  try {
    return { handle: await open(path, constants.O_RDWR), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    return { handle: await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600), created: true };
  } catch (error) {
    // Another process created it between our two opens.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { handle: await open(path, constants.O_RDWR), created: false };
  }
}
