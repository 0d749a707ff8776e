/** Dates and numbers as the page's language writes them; an unparseable date is shown as it came. */
export function formatDate(value: unknown, locale: string, style: 'date' | 'datetime' = 'date'): string {
  if (value === undefined || value === null || value === '') return '';
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: unknown, locale: string): string {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? new Intl.NumberFormat(locale).format(number) : String(value ?? '');
}
