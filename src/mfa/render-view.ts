import { basename, dirname, isAbsolute } from 'node:path';
import nunjucks from 'nunjucks';
import { VIEWS_DIR } from '../package-root.js';
import type { Translate } from '../i18n/translator.js';
import type { MfaView } from './types.js';

/** What every adapter fragment is rendered with, besides its own data. */
export interface FragmentLocals {
  t: Translate;
  lang: string;
  /** Where the fragment's form posts. */
  action: string;
  csrf: string;
  /** The message of the last retry, tied to the field by the template (aria-describedby). */
  error?: string | undefined;
}

/**
 * Renders adapter fragments: built-in templates by name under views/, third-party ones by absolute path (each
 * folder gets its own loader, so a fragment may include its siblings). Autoescaped, compiled once.
 */
export function createViewRenderer(): (view: MfaView, locals: FragmentLocals) => Promise<string> {
  const environments = new Map<string, nunjucks.Environment>();
  const environment = (dir: string) => {
    let env = environments.get(dir);
    if (!env) environments.set(dir, (env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true })));
    return env;
  };
  return (view, locals) => {
    const [env, name] = isAbsolute(view.template) ? [environment(dirname(view.template)), basename(view.template)] : [environment(VIEWS_DIR), view.template];
    return new Promise((resolve, reject) =>
      env.render(name, { ...view.data, ...locals }, (error, html) => (error ? reject(error) : resolve(html ?? ''))),
    );
  };
}
