/**
 * The UI's languages. Every string the renderer shows comes from en.json / zh-CN.json, which must
 * have exactly the same keys (test/e2e/i18n-keys.spec.ts checks). The saved choice lives in the
 * core (`app.info().locale`); until that reply arrives the browser's language is the best guess.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../common/contract';
import auditEn from '../features/audit/i18n/en.json';
import auditZhCN from '../features/audit/i18n/zh-CN.json';
import assistantEn from '../features/assistant/i18n/en.json';
import assistantZhCN from '../features/assistant/i18n/zh-CN.json';
import editorEn from '../features/editor/i18n/en.json';
import editorZhCN from '../features/editor/i18n/zh-CN.json';
import exportEn from '../features/export/i18n/en.json';
import exportZhCN from '../features/export/i18n/zh-CN.json';
import modelsEn from '../features/models/i18n/en.json';
import modelsZhCN from '../features/models/i18n/zh-CN.json';
import policyEn from '../features/policy/i18n/en.json';
import policyZhCN from '../features/policy/i18n/zh-CN.json';
import searchEn from '../features/search/i18n/en.json';
import searchZhCN from '../features/search/i18n/zh-CN.json';
import syncEn from '../features/sync/i18n/en.json';
import syncZhCN from '../features/sync/i18n/zh-CN.json';
import en from './en.json';
import zhCN from './zh-CN.json';

export const supportedLocales = ['en', 'zh-CN'] as const satisfies readonly Locale[];

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const resources = {
  en: {
    translation: en,
    auditView: auditEn,
    modelsView: modelsEn,
    assistantView: assistantEn,
    editorView: editorEn,
    exportMenu: exportEn,
    searchView: searchEn,
    policyView: policyEn,
    syncView: syncEn,
  },
  'zh-CN': {
    translation: zhCN,
    auditView: auditZhCN,
    modelsView: modelsZhCN,
    assistantView: assistantZhCN,
    editorView: editorZhCN,
    exportMenu: exportZhCN,
    searchView: searchZhCN,
    policyView: policyZhCN,
    syncView: syncZhCN,
  },
} as const;

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
