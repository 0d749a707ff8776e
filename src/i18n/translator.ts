import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWS_DIR } from '../package-root.js';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Loads views/locales/<locale>.json (flat dotted keys) and returns a translate function for it. */
export function loadTranslator(locale = 'en'): Translate {
  const messages = JSON.parse(readFileSync(join(VIEWS_DIR, 'locales', `${locale}.json`), 'utf8')) as Record<string, string>;
  return (key, params = {}) => {
    const text = messages[key];
    // A missing key shows itself plainly, so the locale test and a reviewer both catch it.
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
