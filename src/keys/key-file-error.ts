/** A keys-dir file that cannot be used (unreadable, corrupt, mismatched, missing). The message starts with the file. */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'KeyFileError';
  }
}
