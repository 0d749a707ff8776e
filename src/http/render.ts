import type { Context, Next } from 'koa';
import nunjucks from 'nunjucks';
import { VIEWS_DIR } from '../package-root.js';
import type { Translate } from '../i18n/translator.js';
import { chooseLocale, LOCALE_NAMES, LOCALES, type Locale } from '../i18n/choose-locale.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { loadTranslators } from '../i18n/translators.js';
import { LANG_COOKIE } from './language-route.js';

declare module 'koa' {
  interface BaseContext {
    render(view: string, locals?: Record<string, unknown>): Promise<void>;
  }
  interface DefaultState {
    /** Translates into this request's language, looked up at each call (see uiLocales). */
    t: Translate;
    /** The ui_locales of the sign-in this page belongs to: set by the sign-in routes, they outrank the cookie. */
    uiLocales?: readonly string[] | undefined;
    /** Where the language menu brings the person back to, when it is not this request's own address. */
    here?: string;
    /** This request's language (the same choice `t` makes), for texts that do not come from the locale files. */
    locale: () => Locale;
  }
}

/**
 * Renders views/<name>.njk inside the one layout, with autoescaping and compiled templates cached.
 * (koa-views was tried first: through consolidate it compiles nunjucks templates from a string on every render.)
 */
export function renderer(options: { organization: { name: string; logo: string | null }; watch?: boolean }) {
  const translators = loadTranslators();
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false, watch: options.watch ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Filters run with the template's context as `this`, so they format in the page's own language.
  env.addFilter('date', function (this: { lookup(name: string): unknown }, value: unknown, style?: 'date' | 'datetime') {
    return formatDate(value, String(this.lookup('lang') ?? 'en'), style);
  });
  env.addFilter('number', function (this: { lookup(name: string): unknown }, value: unknown) {
    return formatNumber(value, String(this.lookup('lang') ?? 'en'));
  });
  const localeOf = (ctx: Context): Locale =>
    chooseLocale({ uiLocales: ctx.state.uiLocales, cookie: ctx.cookies.get(LANG_COOKIE), acceptLanguage: ctx.get('Accept-Language') });
  const languages = LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] }));
  return async function attachRender(ctx: Context, next: Next): Promise<void> {
    ctx.state.t = (key, params) => translators[localeOf(ctx)](key, params);
    ctx.state.locale = () => localeOf(ctx);
    ctx.vary('Accept-Language');
    ctx.render = async (view, locals = {}) => {
      const lang = localeOf(ctx);
      // The language menu brings the person back here; a form's POST answer offers its sign-in page instead.
      const here = ctx.state.here ?? (ctx.method === 'GET' ? ctx.originalUrl : ctx.path.replace(/\/[^/]*$/, ''));
      const html = await new Promise<string>((resolve, reject) =>
        env.render(`${view}.njk`, { t: translators[lang], organization: options.organization, lang, languages, here, ...locals }, (error, result) =>
          error ? reject(error) : resolve(result ?? ''),
        ),
      );
      ctx.type = 'html';
      ctx.body = html;
    };
    await next();
  };
}
