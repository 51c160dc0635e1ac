import 'i18next';
import type en from './en.json';

// Typed keys: a misspelt or missing key in t('...') is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
