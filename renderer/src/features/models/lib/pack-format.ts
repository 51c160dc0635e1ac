import type { Locale } from '../../../../../common/contract';

/** Tokens per second: whole numbers from 10 up, one decimal below (a slow CPU still shows "2.4"). */
export function formatSpeed(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: value >= 10 ? 0 : 1 }).format(value);
}

/** The first characters of a pack hash, enough to tell packs apart at a glance. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** Packs the Test prompt box can run: those that generate text. */
export function canGenerate(tasks: readonly string[]): boolean {
  return tasks.includes('chat') || tasks.includes('text-generation');
}

/** When a pack was last used: date and minutes (seconds would only crowd the table). */
export function formatLastUsed(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
