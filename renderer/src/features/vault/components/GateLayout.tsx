import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { markFirstFrame } from '../../../app/first-frame';
import { RingMark } from '../../../ui/icons';
import { ErrorBanner } from '../../errors/components/ErrorBanner';
import { LanguageSwitch } from '../../settings/components/LanguageSwitch';
import { StatusBar } from '../../status-bar/components/StatusBar';

/**
 * The frame around the vault gate: no navigation (nothing behind it can be reached), but the
 * language switch, problems and the status bar stay.
 */
export function GateLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(markFirstFrame, []);
  return (
    <div className="gate">
      <header className="gate-header">
        <div className="brand">
          <RingMark className="brand-mark" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <LanguageSwitch compact />
      </header>
      <div className="gate-column">
        <ErrorBanner />
        <main className="gate-main">
          <div className="gate-card">{children}</div>
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
