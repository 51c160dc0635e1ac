/**
 * The UI's languages. Every string the renderer shows comes from en.json / zh-CN.json, which must
 * have exactly the same keys (test/e2e/i18n-keys.spec.ts checks). The saved choice lives in the
 * core (`app.info().locale`); until that reply arrives the browser's language is the best guess.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../common/contract';
import en from './en.json';
import zhCN from './zh-CN.json';

export const supportedLocales = ['en', 'zh-CN'] as const satisfies readonly Locale[];

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

function guessLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyToDocument(locale: string): void {
  document.documentElement.lang = locale;
  document.title = i18n.t('app.name');
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources,
  lng: guessLocale(),
  fallbackLng: 'en',
  supportedLngs: [...supportedLocales],
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function changeUiLocale(locale: Locale): Promise<unknown> {
  return i18n.changeLanguage(locale);
}

export { i18n };
