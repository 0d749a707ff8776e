import type { DirectoryUser } from '../directory/types.js';
import { isEnrollable } from './is-enrollable.js';
import type { PreferenceStore } from './preferences.js';
import type { FragmentLocals } from './render-view.js';
import type { AdapterLogger, EnrollableMfaAdapter, Enrollment, MethodRequirements, MfaAdapter, MfaContext, MfaView } from './types.js';

const ANY: MethodRequirements = { methods: [], phishingResistant: false };

/** An enrolled method as the portal lists it. */
export interface EnrolledMethod {
  adapter: EnrollableMfaAdapter;
  enrollment: Enrollment;
}

/**
 * The adapters config names, in config order, and what the sign-in and the portal ask of them together: which
 * a user can use now (default first), which they can enroll, and removing them all.
 */
export class MfaRegistry {
  readonly #byId: Map<string, MfaAdapter>;

  constructor(
    readonly adapters: readonly MfaAdapter[],
    readonly preferences: PreferenceStore,
    private readonly renderer: (view: MfaView, locals: FragmentLocals) => Promise<string>,
    private readonly logger: AdapterLogger,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.#byId = new Map(adapters.map((adapter) => [adapter.id, adapter]));
  }

  get(id: string): MfaAdapter | undefined {
    return this.#byId.get(id);
  }

  /** The method's name in the locale, else in English. */
  displayName(adapter: MfaAdapter, locale = 'en'): string {
    return adapter.metadata.displayName[locale] ?? adapter.metadata.displayName.en ?? adapter.id;
  }

  /** Whether the requirements allow this method (one of the named methods; phishing-resistant when asked). */
  allows(adapter: MfaAdapter, requirements: MethodRequirements = ANY): boolean {
    if (requirements.methods.length > 0 && !requirements.methods.includes(adapter.id)) return false;
    return !requirements.phishingResistant || adapter.metadata.phishingResistant;
  }

  /**
   * The methods this user can use now that the requirements allow, in the order to offer them: their default,
   * else the one used last, then config order; fallback methods (recovery codes) always last. An adapter that
   * throws is logged and left out rather than breaking every sign-in.
   */
  async availableFor(user: DirectoryUser, ctx: MfaContext, requirements: MethodRequirements = ANY): Promise<MfaAdapter[]> {
    const candidates = this.adapters.filter((adapter) => this.allows(adapter, requirements));
    const [flags, preferences] = await Promise.all([
      Promise.all(candidates.map((adapter) => this.#available(adapter, user, ctx))),
      this.preferences.get(user.id),
    ]);
    const available = candidates.filter((_, i) => flags[i]);
    const preferred = [preferences.default, preferences.lastUsed].find((id) => id !== undefined && available.some((a) => a.id === id && !a.metadata.fallback));
    const rank = (adapter: MfaAdapter) => (adapter.metadata.fallback ? 2 : adapter.id === preferred ? 0 : 1);
    return available.map((adapter, i) => ({ adapter, i })).sort((x, y) => rank(x.adapter) - rank(y.adapter) || x.i - y.i).map(({ adapter }) => adapter);
  }

  /** The methods a user may enroll themselves, allowed by the requirements; mobile-app ones only when asked. */
  enrollable(requirements: MethodRequirements = ANY, options: { mobileApp?: boolean } = {}): EnrollableMfaAdapter[] {
    return this.adapters.filter(isEnrollable).filter((a) => this.allows(a, requirements) && (options.mobileApp || !a.metadata.mobileApp));
  }

  /** Everything the user has enrolled, in config order. */
  async enrolledMethods(user: DirectoryUser): Promise<EnrolledMethod[]> {
    const adapters = this.adapters.filter(isEnrollable);
    const enrollments = await Promise.all(adapters.map((adapter) => adapter.enrollmentOf(user)));
    return adapters.flatMap((adapter, i) => (enrollments[i] ? [{ adapter, enrollment: enrollments[i] }] : []));
  }

  /** Removes every method the user has and forgets their preferences (`gatehouse users reset-mfa`). */
  async resetUser(user: DirectoryUser): Promise<string[]> {
    const enrolled = await this.enrolledMethods(user);
    for (const adapter of this.adapters.filter(isEnrollable)) await adapter.removeEnrollment(user);
    await this.preferences.forget(user.id);
    return enrolled.map(({ adapter }) => adapter.id);
  }

  /** Renders an adapter's fragment for a page. */
  render(view: MfaView, locals: FragmentLocals): Promise<string> {
    return this.renderer(view, locals);
  }

  /** Logs an adapter's unexpected error (the person sees a generic message). */
  logFailure(adapter: MfaAdapter, stage: string, error: unknown): void {
    this.logger.error({ err: error, adapter: adapter.id, stage }, 'an MFA adapter failed');
  }

  close(): Promise<void> {
    return this.onClose();
  }

  async #available(adapter: MfaAdapter, user: DirectoryUser, ctx: MfaContext): Promise<boolean> {
    try {
      return (await adapter.isAvailableForUser(user, ctx)) === true;
    } catch (error) {
      this.logger.error({ err: error, adapter: adapter.id }, 'an MFA adapter failed to say whether it is available');
      return false;
    }
  }
}
