import { useEffect, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../features/errors/components/ErrorBanner';
import { Sidebar } from '../features/nav/components/Sidebar';
import { useHashSection } from '../features/nav/hooks/use-hash-section';
import { useNavShortcuts } from '../features/nav/hooks/use-nav-shortcuts';
import { StatusBar } from '../features/status-bar/components/StatusBar';
import { useActivityTouch } from '../features/vault/hooks/use-activity-touch';
import { useLockShortcut } from '../features/vault/hooks/use-lock-shortcut';
import { markFirstFrame } from './first-frame';
import { SectionOutlet } from './SectionOutlet';

const MAIN_ID = 'main-content';

/** Skips the sidebar without touching the URL hash (which holds the section). */
function skipToContent(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById(MAIN_ID)?.focus();
}

export function AppFrame() {
  const { t } = useTranslation();
  useHashSection();
  useNavShortcuts();
  useLockShortcut();
  useActivityTouch();
  useEffect(markFirstFrame, []);

  return (
    <div className="app">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <div className="main-column">
        <ErrorBanner />
        <main id={MAIN_ID} className="main" tabIndex={-1}>
          <SectionOutlet />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
