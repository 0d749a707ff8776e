/** What a bench child tells the driver over the IPC channel. */
export type ChildMessage =
  | { type: 'ready'; url: string; details?: Record<string, unknown> }
  | { type: 'result'; result: Record<string, number> }
  | { type: 'failed'; message: string };

/** What the driver tells a bench child: start profiling (after the warm-up), or stop and exit. */
export type DriverMessage = { type: 'profile' } | { type: 'stop' };

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isDriverMessage(value: unknown): value is DriverMessage {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return type === 'profile' || type === 'stop';
}
