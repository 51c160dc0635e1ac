import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStats } from '../../../../../common/contract';
import { formatBytes, formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { ChangePassphrase } from './ChangePassphrase';
import { DataKeys } from './DataKeys';
import { UnlockMethods } from './UnlockMethods';

/** Settings → Vault & security: what protects the vault, what is in it, and the key operations. */
export function VaultSecurityPanel() {
  const { t } = useTranslation();
  const state = useStore((s) => (s.vault.phase === 'ready' ? s.vault.state : null));
  if (!state || state.state !== 'unlocked') return null;

  return (
    <section className="panel" aria-labelledby="vault-heading">
      <h2 id="vault-heading" className="panel-title">
        {t('vault.security.heading')}
      </h2>
      <p className="panel-hint">{t('vault.security.idleLock', { count: state.idleLockMinutes })}</p>
      <VaultStatsFacts />
      <UnlockMethods state={state} />
      <ChangePassphrase state={state} />
      <DataKeys />
    </section>
  );
}

const factKeys = {
  documents: 'vault.stats.documents',
  versions: 'vault.stats.versions',
  bytesOnDisk: 'vault.stats.size',
  journalRecords: 'vault.stats.journalRecords',
  generation: 'vault.stats.generation',
  dataKeys: 'vault.stats.dataKeys',
} as const satisfies Partial<Record<keyof VaultStats, string>>;

function VaultStatsFacts() {
  const { t } = useTranslation();
  const stats = useStore((s) => s.vaultStats);
  const locale = useStore((s) => s.locale);
  const loadVaultStats = useStore((s) => s.loadVaultStats);
  useEffect(() => {
    void loadVaultStats();
  }, [loadVaultStats]);

  if (!stats) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <dl className="facts vault-facts" aria-label={t('vault.stats.label')}>
      {Object.entries(factKeys).map(([field, key]) => {
        const value = stats[field as keyof typeof factKeys];
        return (
          <div key={field}>
            <dt>{t(key)}</dt>
            <dd>{field === 'bytesOnDisk' ? formatBytes(value, locale) : formatNumber(value, locale)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
