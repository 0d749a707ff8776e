/**
 * One audit event: the fields an MFA server keeps for its reports (docs/events.md). Secrets, passwords, OTP
 * values, device keys and cookies never appear here.
 */
export interface AuditEvent {
  time: string;
  /** `noun.verb`, e.g. `signin.started`, `password.checked`, `access.decided`, `token.issued`. */
  event: string;
  transactionId?: string;
  uniqueId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  deviceId?: string;
  /** How the user authenticated so far: password, passwordless, sso, push, totp, … */
  authMode?: string;
  result: 'success' | 'failure' | 'pending' | 'info';
  reason?: string;
  rp?: string;
  serverName: string;
  serverIp: string;
  clientIp?: string;
  policies?: unknown;
  /** Who did an admin action: `login` of an admin signed in to /admin, `token:NAME` for an API token, `cli`. */
  actor?: string;
}

/** What a part of Gatehouse gives when it records something; the audit fills in time and server fields. */
export type AuditInput = Omit<AuditEvent, 'time' | 'serverName' | 'serverIp'>;

/** Where events go: stdout, a file, the store. */
export interface AuditSink {
  write(event: AuditEvent): void;
  /** Waits for what was written to land, then releases the sink. */
  close?(): Promise<void>;
}

export interface Audit {
  record(input: AuditInput): void;
  close(): Promise<void>;
}
