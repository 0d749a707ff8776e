import { loadTranslator, type Translate } from './translator.js';
import { LOCALES, type Locale } from './choose-locale.js';

/** A translate function per supported locale, each file read once at start. */
export function loadTranslators(): Record<Locale, Translate> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, loadTranslator(locale)])) as Record<Locale, Translate>;
}
