import type { Context, Next } from 'koa';
import nunjucks from 'nunjucks';
import { VIEWS_DIR } from '../package-root.js';
import type { Translate } from '../i18n/translator.js';

declare module 'koa' {
  interface BaseContext {
    render(view: string, locals?: Record<string, unknown>): Promise<void>;
  }
  interface DefaultState {
    t: Translate;
  }
}

/**
 * Renders views/<name>.njk inside the one layout, with autoescaping and compiled templates cached.
 * (koa-views was tried first: through consolidate it compiles nunjucks templates from a string on every render.)
 */
export function renderer(options: { t: Translate; organization: { name: string; logo: string | null }; watch?: boolean }) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false, watch: options.watch ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  return async function attachRender(ctx: Context, next: Next): Promise<void> {
    ctx.state.t = options.t;
    ctx.render = async (view, locals = {}) => {
      const html = await new Promise<string>((resolve, reject) =>
        env.render(`${view}.njk`, { t: options.t, organization: options.organization, lang: 'en', ...locals }, (error, result) =>
          error ? reject(error) : resolve(result ?? ''),
        ),
      );
      ctx.type = 'html';
      ctx.body = html;
    };
    await next();
  };
}
