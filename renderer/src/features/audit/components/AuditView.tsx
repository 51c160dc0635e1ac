import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../../common/contract';
import { formatDateTime } from '../../../lib/format';
import { useStore } from '../../../store';
import { EmptyState } from '../../../ui/EmptyState';
import { AuditIcon, InfoIcon, RefreshIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useAudit } from '../hooks/use-audit';

export function AuditView() {
  const { t } = useTranslation();
  const audit = useAudit();
  const refreshing = audit.status === 'loading' || (audit.status === 'ready' && audit.refreshing);
  return (
    <SectionPage
      title={t('nav.audit')}
      description={t('audit.description')}
      actions={
        <button type="button" className="button" onClick={audit.reload} disabled={refreshing}>
          <RefreshIcon width={16} height={16} />
          {t('common.refresh')}
        </button>
      }
    >
      <QueryView query={audit}>
        {({ items, store }) => (
          <>
            {store === 'memory' && (
              <p className="note" role="note">
                <InfoIcon className="note-icon" />
                <span>{t('audit.memoryNote')}</span>
              </p>
            )}
            {items.length === 0 ? (
              <EmptyState icon={<AuditIcon width={28} height={28} />} title={t('audit.emptyTitle')}>
                <p>{t('audit.emptyBody')}</p>
              </EmptyState>
            ) : (
              <AuditTable items={items} />
            )}
          </>
        )}
      </QueryView>
    </SectionPage>
  );
}

/** Plain-words names for the audited actions; others show only their channel name. */
const actionLabelKeys = {
  'settings.setLocale': 'audit.actions.settings_setLocale',
  'diagnostics.selfTest': 'audit.actions.diagnostics_selfTest',
  'audit.recent': 'audit.actions.audit_recent',
  'vault.create': 'audit.actions.vault_create',
  'vault.unlock': 'audit.actions.vault_unlock',
  'vault.lock': 'audit.actions.vault_lock',
  'vault.changePassphrase': 'audit.actions.vault_changePassphrase',
  'vault.addKeystore': 'audit.actions.vault_addKeystore',
  'vault.removeMethod': 'audit.actions.vault_removeMethod',
  'vault.rotateKeys': 'audit.actions.vault_rotateKeys',
  'vault.reencrypt': 'audit.actions.vault_reencrypt',
} as const;

function actionLabelKey(action: string) {
  return Object.hasOwn(actionLabelKeys, action)
    ? actionLabelKeys[action as keyof typeof actionLabelKeys]
    : null;
}

function AuditTable({ items }: { items: AuditEvent[] }) {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  return (
    <table className="table">
      <caption className="visually-hidden">{t('audit.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.columns.time')}</th>
          <th scope="col">{t('audit.columns.action')}</th>
          <th scope="col">{t('audit.columns.actor')}</th>
          <th scope="col">{t('audit.columns.outcome')}</th>
          <th scope="col">{t('audit.columns.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((event) => {
          const labelKey = actionLabelKey(event.action);
          return (
            <tr key={event.seq}>
              <td className="cell-nowrap">{formatDateTime(event.ts, locale)}</td>
              <td>
                {labelKey && <span className="cell-strong">{t(labelKey)}</span>}{' '}
                <code className="cell-mono">{event.action}</code>
              </td>
              <td className="cell-nowrap">{event.actor}</td>
              <td>
                <span className={event.outcome === 'allow' ? 'badge badge-ok' : 'badge badge-danger'}>
                  {t(`audit.outcome.${event.outcome}`)}
                </span>
              </td>
              <td className="cell-reason">{event.reason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
