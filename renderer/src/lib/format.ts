import type { Locale } from '../../../common/contract';

/** A timestamp in the user's language; falls back to the raw string if it does not parse. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** Ctrl on Windows and Linux, ⌘ on macOS, from the platform the core reports (e.g. "darwin-arm64"). */
export function modifierLabel(platform: string | undefined): string {
  return platform?.startsWith('darwin') ? '⌘' : 'Ctrl+';
}

export function ariaModifier(platform: string | undefined): string {
  return platform?.startsWith('darwin') ? 'Meta' : 'Control';
}

/** A calendar date in the user's language (no time), or the raw string if it does not parse. */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size on disk in decimal units (1 kB = 1000 bytes), e.g. "1.4 MB", in the user's number format. */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A waiting time as m:ss (h:mm:ss from an hour), rounded up so it never shows 0:00 while waiting. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
