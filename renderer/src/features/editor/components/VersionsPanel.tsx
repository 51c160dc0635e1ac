import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, ReplyOf } from '../../../../../common/contract';
import { localize } from '../../../../../common/documents';
import { api, toAppError } from '../../../api';
import { formatDateTime } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useEditorT } from '../i18n/t';

type Versions = ReplyOf<'documents.versions'>['items'];
type Diff = ReplyOf<'documents.diff'>;

/** The version list: a readable per-field diff against the previous version, view, and restore. */
export function VersionsPanel(props: {
  documentId: string;
  latestVersion: number;
  canRestore: boolean;
  onView(version: number): void;
  onRestore(version: number): Promise<void>;
  onClose(): void;
}) {
  const t = useEditorT();
  const { i18n } = useTranslation();
  const [versions, setVersions] = useState<Versions>([]);
  const [diff, setDiff] = useState<{ from: number; to: number; result: Diff } | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.documents.versions({ id: props.documentId }).then(
      (r) => setVersions([...r.items].reverse()),
      (e: unknown) => setError(toAppError(e).message),
    );
  }, [props.documentId, props.latestVersion]);

  async function compare(to: number) {
    try {
      setDiff({
        from: to - 1,
        to,
        result: await api.documents.diff({ id: props.documentId, from: to - 1, to }),
      });
    } catch (e) {
      setError(toAppError(e).message);
    }
  }

  return (
    <aside className="versions-panel" aria-labelledby="versions-title">
      <header className="versions-head">
        <h2 id="versions-title">{t('versions.title')}</h2>
        <button type="button" className="button button-small" onClick={props.onClose}>
          {t('versions.close')}
        </button>
      </header>
      {error && (
        <p className="field-flag field-flag-error" role="alert">
          {error}
        </p>
      )}
      <ol className="versions-list">
        {versions.map((v) => (
          <li key={v.version} data-version={v.version}>
            <span className="cell-strong">v{v.version}</span>{' '}
            <span className="cell-muted">{formatDateTime(v.createdAt, i18n.language as Locale)}</span>
            <span className="versions-actions">
              {v.version > 1 && (
                <button type="button" className="button button-small" onClick={() => void compare(v.version)}>
                  {t('versions.compare')}
                </button>
              )}
              <button type="button" className="button button-small" onClick={() => props.onView(v.version)}>
                {t('versions.view')}
              </button>
              {props.canRestore && v.version !== props.latestVersion && (
                <button type="button" className="button button-small" onClick={() => setConfirm(v.version)}>
                  {t('versions.restore')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ol>
      {diff && (
        <section className="diff" aria-live="polite">
          <h3>{t('versions.diffTitle', { from: diff.from, to: diff.to })}</h3>
          {diff.result.changes.length === 0 && <p>{t('versions.noChanges')}</p>}
          {diff.result.changes.map((c) => (
            <div key={c.fieldId} className="diff-field" data-field-id={c.fieldId}>
              <h4>
                {localize(c.section, i18n.language)} › {localize(c.label, i18n.language)}{' '}
                <span className="cell-muted">
                  {t('versions.counts', { added: c.wordsAdded, removed: c.wordsRemoved })}
                </span>
              </h4>
              <p className="diff-text">
                {c.parts.map((p, i) =>
                  p.kind === 'added' ? (
                    <ins key={i}>{p.text}</ins>
                  ) : p.kind === 'removed' ? (
                    <del key={i}>{p.text}</del>
                  ) : (
                    <span key={i}>{p.text}</span>
                  ),
                )}
              </p>
            </div>
          ))}
        </section>
      )}
      {confirm !== null && (
        <ConfirmDialog
          title={t('versions.restoreTitle', { version: confirm })}
          confirmLabel={t('versions.restore')}
          cancelLabel={t('signDialog.cancel')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const v = confirm;
            setConfirm(null);
            void props.onRestore(v);
          }}
        >
          <p>{t('versions.restoreBody', { version: confirm, next: props.latestVersion + 1 })}</p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
