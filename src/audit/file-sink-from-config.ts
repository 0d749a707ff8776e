import { createFileSink } from './file-sink.js';
import { createRotatingFileSink, type RotationSettings } from './rotating-file-sink.js';
import type { AuditSink } from './types.js';

/** A server's file sink: rotated as config `audit.rotate` says, or a plain append when it is false. */
export function fileSinkFromConfig(file: string, rotate: RotationSettings | false, onError: (error: Error) => void): AuditSink {
  return rotate === false ? createFileSink(file) : createRotatingFileSink(file, rotate, onError);
}
