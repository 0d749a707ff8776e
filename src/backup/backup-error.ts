/** A backup could not be written, or a file could not be restored; the message is the one line the CLI prints. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
