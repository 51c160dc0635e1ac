import type { AppInfo, Locale } from '../../../common/contract';
import type { AppErrorData } from '../../../common/errors';
import { api, toAppError } from '../api';
import { defaultSection, sectionFromHash, type SectionId } from '../app/sections';
import { changeUiLocale } from '../i18n';
import type { SliceCreator } from './types';

export type BootState = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: AppErrorData };

export interface AppSlice {
  boot: BootState;
  info: AppInfo | null;
  /** The saved UI language. */
  locale: Locale;
  /** A language being saved; the switch shows it at once and falls back if saving fails. */
  pendingLocale: Locale | null;
  section: SectionId;
  /** Asks the core who we are, which language was saved and the vault's state; the gate renders after. */
  bootApp(): Promise<void>;
  changeLocale(locale: Locale): Promise<void>;
  setSection(section: SectionId): void;
}

export const createAppSlice: SliceCreator<AppSlice> = (set, get) => ({
  boot: { state: 'loading' },
  info: null,
  locale: 'en',
  pendingLocale: null,
  section: sectionFromHash(window.location.hash) ?? defaultSection,

  async bootApp() {
    set({ boot: { state: 'loading' } });
    // The vault's state is asked for alongside, so the gate can show as soon as the frame may.
    void get().loadVault();
    try {
      const info = await api.app.info({});
      await changeUiLocale(info.locale);
      set({ info, locale: info.locale, boot: { state: 'ready' } });
    } catch (error) {
      set({ boot: { state: 'failed', error: toAppError(error).toData() } });
    }
  },

  async changeLocale(locale) {
    // One save at a time (it takes milliseconds); a second click meanwhile is ignored, not raced.
    if (get().pendingLocale !== null || locale === get().locale) return;
    set({ pendingLocale: locale });
    try {
      const saved = await api.settings.setLocale({ locale });
      await changeUiLocale(saved.locale);
      const info = get().info;
      set({ locale: saved.locale, pendingLocale: null, info: info && { ...info, locale: saved.locale } });
    } catch (error) {
      set({ pendingLocale: null });
      get().reportError(error);
    }
  },

  setSection(section) {
    set({ section });
  },
});
