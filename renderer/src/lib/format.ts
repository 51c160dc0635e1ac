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
