import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KeyFileError } from './key-file-error.js';

const PRIVATE_FILE_MODE = 0o600;

function cannotWrite(target: string, error: unknown): KeyFileError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new KeyFileError(target, `cannot be written (${reason})`, { cause: error });
}

async function writeTempFile(target: string, content: string): Promise<string> {
  // A crash before the unlink leaves this file behind: hidden, private, and never read.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE).catch((error: unknown) => {
    throw cannotWrite(target, error);
  });
  try {
    try {
      await handle.writeFile(content);
      await handle.sync(); // the content is on disk before any name points at it
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw cannotWrite(target, error);
  }
  return temp;
}

/** Makes a rename or link itself survive a crash; some platforms cannot fsync a dir, which only costs that. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort (EISDIR/EPERM on platforms without dir fsync)
  }
}

/**
 * Writes a private (0600) file only if nothing is at `target` yet; true when this call created it. The content is
 * written in full to a temp file and hard-linked into place, so of concurrent writers (processes on one dir,
 * including over NFS) exactly one wins and no reader ever sees a partial file.
 */
export async function writeFileOnce(target: string, content: string): Promise<boolean> {
  const temp = await writeTempFile(target, content);
  try {
    await link(temp, target);
    await syncDir(dirname(target));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cannotWrite(target, error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Replaces (or creates) a private (0600) file atomically: readers see the old content or the new, never a mix. */
export async function replaceFile(target: string, content: string): Promise<void> {
  const temp = await writeTempFile(target, content);
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw cannotWrite(target, error);
  }
  await syncDir(dirname(target));
}
