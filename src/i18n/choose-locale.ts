/** The languages Gatehouse's pages are written in: views/locales/<locale>.json for each. */
export const LOCALES = ['en', 'sv', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The name of each language in itself, for the language menu. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', sv: 'Svenska', nl: 'Nederlands' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The supported locale a language tag names: "sv-SE" is sv, "nl_BE" is nl, anything else none. */
function supported(tag: string): Locale | undefined {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** The first supported language of an Accept-Language header, by its q-values (ties keep header order). */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return undefined;
}

/**
 * The language of a page: the sign-in's ui_locales (OIDC) when the page belongs to one, then the language the
 * person chose from the menu (a cookie), then the browser's Accept-Language, then English.
 */
export function chooseLocale(sources: { uiLocales?: readonly string[] | undefined; cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  for (const tag of sources.uiLocales ?? []) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  if (isLocale(sources.cookie)) return sources.cookie;
  return fromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}
