import type { Clock } from '../clock/clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { DirectoryUser } from '../directory/types.js';
import type { Translate } from '../i18n/translator.js';

/**
 * The MFA adapter contract (docs/adapters.md), by analogy with AD FS's IAuthenticationAdapter. A module, built in
 * or third-party, default-exports `create(options, deps)`; Gatehouse calls it once at start-up and checks that
 * what it returns fits this interface.
 */
export interface MfaAdapter {
  /** A stable id: what policies name in `methods`, what the portal and the audit show. [a-z][a-z0-9-]{0,31}. */
  readonly id: string;
  readonly metadata: MfaAdapterMetadata;
  /** Whether this user can use the method now (has enrolled it, has an email address, …). */
  isAvailableForUser(user: DirectoryUser, ctx: MfaContext): Promise<boolean>;
  /**
   * Starts the method for one sign-in and says what to show. Called once when the method is chosen (a refresh
   * shows the same page again without calling it), so it may send a code. The view is kept with the transaction
   * in the Store: it must hold no secret.
   */
  begin(user: DirectoryUser, ctx: MfaContext): Promise<MfaView>;
  /** Checks what the person sent from the page `begin` showed. */
  tryEnd(user: DirectoryUser, ctx: MfaContext, form: MfaForm): Promise<TryEndResult>;
}

/** What Gatehouse shows of a method and what its completion means. */
export interface MfaAdapterMetadata {
  /** Display names per locale; `en` is required and used when the person's locale has none. */
  displayName: Readonly<Record<string, string>>;
  /** RFC 8176 values a successful tryEnd adds (e.g. ["otp"]); Gatehouse adds "mfa" itself. */
  amr: readonly string[];
  /** Resists phishing (bound to the origin, as a passkey is). */
  phishingResistant: boolean;
  /** Can also serve as the first factor (passwordless). */
  firstFactor: boolean;
  /**
   * A method of last resort (recovery codes): offered under "Sign in another way" but never picked by default
   * while another method is available, and removed with the user's last other method.
   */
  fallback?: boolean;
  /** Belongs to the mobile app (push): the portal shows it only when `portal.mobileApp` is on. */
  mobileApp?: boolean;
}

/** Where and why an adapter runs. */
export interface MfaContext {
  /** `signin`: the second factor of a sign-in; `enrollment`: the portal or the sign-in's enrollment interrupt. */
  purpose: 'signin' | 'enrollment';
  /** The sign-in transaction (or portal session) this call belongs to; the same for begin and tryEnd. */
  transactionId: string;
  /** The client's address, resolved through trusted proxies. */
  clientIp: string;
  /** The relying party signed in to (`portal` for the user portal). */
  rpId: string;
  locale: string;
}

/**
 * A page fragment: `template` is a name under views/ (built-in adapters) or an absolute file path (third-party
 * adapters ship their own). It is rendered with `data` plus `t`, `action`, `csrf`, `error` and `lang`, and placed
 * inside Gatehouse's layout. Its form posts to `action` and must carry `csrf` in a hidden field named `csrf`.
 */
export interface MfaView {
  template: string;
  data: Record<string, unknown>;
}

/** The fields of the posted form (strings only, each at most 1024 characters; the CSRF field removed). */
export type MfaForm = Readonly<Record<string, string>>;

/**
 * - ok: the method succeeded; `amr` says what ran.
 * - pending: nothing to decide yet (push waits for the phone); the page waits for the transaction's change.
 * - retry: show the page again with `message` (already translated) tied to its field. `reason` goes to the audit:
 *   `locked` means this attempt locked the method (audited as mfa.locked).
 * - fail: the sign-in ends; `message` (translated) is shown when given.
 */
export type TryEndResult =
  | { kind: 'ok'; amr: string[] }
  | { kind: 'pending' }
  | { kind: 'retry'; message: string; reason?: string }
  | { kind: 'fail'; reason: string; message?: string };

/** What the portal lists for an enrolled method. */
export interface Enrollment {
  /** ISO time of the enrollment. */
  createdAt: string;
  /** A short, non-secret detail, e.g. "8 of 10 codes left". */
  detail?: string;
}

/** The end of an enrollment: done (optionally with a page to show once, e.g. recovery codes), or try again. */
export type EnrollResult = { kind: 'ok'; view?: MfaView } | { kind: 'retry'; message: string; reason?: string };

/**
 * A method people enroll themselves (in the portal, or at the sign-in's "More information required" interrupt).
 * A separate interface, detected with isEnrollable(), as kratos does for optional abilities.
 */
export interface EnrollableMfaAdapter extends MfaAdapter {
  /** What the user has enrolled of this method; null when nothing. */
  enrollmentOf(user: DirectoryUser): Promise<Enrollment | null>;
  /**
   * The enrollment page. Called on every display, so it must be idempotent (TOTP keeps its pending key until it is
   * confirmed or expires); its view is never stored.
   */
  beginEnrollment(user: DirectoryUser, ctx: MfaContext): Promise<MfaView>;
  /** Confirms the enrollment from the posted form (TOTP: the first code). */
  finishEnrollment(user: DirectoryUser, ctx: MfaContext, form: MfaForm): Promise<EnrollResult>;
  /** Removes whatever the user has of this method (the portal's "Remove", `gatehouse users reset-mfa`). */
  removeEnrollment(user: DirectoryUser): Promise<void>;
}

/** What a module's `create` receives: narrow, injected, and scoped to the adapter. */
export interface MfaAdapterDeps {
  /** The Store, namespaced for this adapter: keys and record kinds cannot reach anything else. */
  store: AdapterStore;
  clock: Clock;
  logger: AdapterLogger;
  mailer: Mailer;
  t: Translate;
  /** Gatehouse's public base URL (config `issuer`). */
  publicUrl: string;
  /** AES-256-GCM sealing with a key derived from the cluster secret, scoped to this adapter. */
  secrets: SecretBox;
  /** Organization name from config (e.g. the issuer label of authenticator apps). */
  organizationName: string;
}

/** What an adapter module default-exports. It may return a promise. */
export type CreateMfaAdapter = (options: Record<string, unknown>, deps: MfaAdapterDeps) => MfaAdapter | Promise<MfaAdapter>;

/** The Store, namespaced for one adapter (see src/store/types.ts for each method's contract). */
export interface AdapterStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  take<T = unknown>(key: string): Promise<T | undefined>;
  delete(key: string): Promise<void>;
  increment(key: string, ttlMs: number, by?: number): Promise<number>;
  putRecord(kind: string, id: string, value: unknown): Promise<void>;
  getRecord<T = unknown>(kind: string, id: string): Promise<T | undefined>;
  deleteRecord(kind: string, id: string): Promise<void>;
}

export interface AdapterLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Sends mail through the SMTP server in config (`smtp`). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

/** What a sign-in or the portal may use, from the access decision's requirements. */
export interface MethodRequirements {
  /** Adapter ids, one of which must run; empty: any. */
  methods: readonly string[];
  phishingResistant: boolean;
}
