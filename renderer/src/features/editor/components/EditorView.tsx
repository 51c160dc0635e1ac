import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../../common/contract';
import {
  localize,
  templateFields,
  type Signature,
  type ValidationIssue,
} from '../../../../../common/documents';
import { api, toAppError } from '../../../api';
import { sectionHref } from '../../../app/sections';
import { formatDateTime } from '../../../lib/format';
import { ShieldIcon } from '../../../ui/icons';
import { ExportMenu } from '../../export/ExportMenu';
import { useStore } from '../../../store';
import { useDocumentEditor, type EditorModel } from '../hooks/use-document-editor';
import { useEditorT } from '../i18n/t';
import { issuesByField } from '../lib/editor-values';
import { AiAssist } from './AiAssist';
import { FieldInput } from './FieldInput';
import { SignDialog } from './SignDialog';
import { VersionsPanel } from './VersionsPanel';
import '../editor.css';

const NO_ISSUES: readonly ValidationIssue[] = [];

/** `#/documents/<id>`: one document in its template's form. */
export function EditorView({ id }: { id: string }) {
  const t = useEditorT();
  const model = useDocumentEditor(id);
  if (model.state === 'loading')
    return (
      <p className="editor-loading" role="status">
        {t('editor.loading')}
      </p>
    );
  if (model.state === 'error')
    return (
      <div className="editor-page">
        <a className="editor-back" href={sectionHref('documents')}>
          ← {t('editor.back')}
        </a>
        <p className="field-flag field-flag-error" role="alert">
          {model.error.message}
        </p>
      </div>
    );
  return <Editor model={model} />;
}

function SaveIndicator({ model }: { model: EditorModel }) {
  const t = useEditorT();
  const s = model.save;
  let text: string;
  switch (s.kind) {
    case 'saved':
      text = t('editor.saved', { version: model.doc.latestVersion });
      break;
    case 'saving':
      text = t('editor.saving');
      break;
    case 'dirty':
      text = t('editor.unsaved');
      break;
    case 'conflict':
      text = t('editor.conflict');
      break;
    case 'error':
      text = t('editor.saveFailed', { message: s.error.message });
      break;
  }
  return (
    <span className={`save-indicator save-${s.kind}`} role="status" data-testid="save-indicator">
      {text}
      {s.kind === 'conflict' && (
        <button type="button" className="button button-small" onClick={() => void model.reload()}>
          {t('editor.reload')}
        </button>
      )}
    </span>
  );
}

function SignatureBlock({ signatures }: { signatures: Signature[] }) {
  const t = useEditorT();
  const { i18n } = useTranslation();
  return (
    <section className="signature-block" aria-labelledby="signatures-title" data-testid="signature-block">
      <h2 id="signatures-title">{t('editor.signatureBlock')}</h2>
      {signatures.length === 0 ? (
        <p className="cell-muted">{t('editor.noSignatures')}</p>
      ) : (
        <ul>
          {signatures.map((s) => (
            <li key={`${s.meaning}-${s.signer}-${s.at}`}>
              <strong>
                {t('editor.signedBy', {
                  meaning: t(`meaning.${s.meaning}`),
                  signer: s.signer,
                  at: formatDateTime(s.at, i18n.language as Locale),
                })}
              </strong>
              <br />
              <span className="cell-mono cell-muted">
                v{s.version} · {t('editor.hash', { hash: `${s.versionHash.slice(0, 16)}…` })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Editor({ model }: { model: EditorModel }) {
  const t = useEditorT();
  const { i18n } = useTranslation();
  const reportError = useStore((s) => s.reportError);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [signing, setSigning] = useState(false);
  const { doc, template, values } = model;
  const flags = issuesByField(doc.issues);
  const viewingOld = doc.version !== doc.latestVersion;
  const signatures = doc.content.signatures ?? [];
  const hasSignatureFields = templateFields(template).some((f) => f.type === 'signature');

  async function act(work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      reportError(toAppError(error));
    }
  }

  let notice: string | null = null;
  if (model.notice === 'sanitized') notice = t('editor.sanitized');
  else if (model.notice?.startsWith('merged:'))
    notice = t('editor.merged', { fields: model.notice.slice(7) });

  return (
    <div className="editor-page" data-locked={doc.locked || undefined}>
      <a className="editor-back" href={sectionHref('documents')}>
        ← {t('editor.back')}
      </a>
      <header className="editor-head">
        <div className="editor-title">
          <label className="visually-hidden" htmlFor="doc-title">
            {t('editor.titleLabel')}
          </label>
          <input
            id="doc-title"
            className="input editor-title-input"
            value={model.title}
            readOnly={!model.editable}
            onChange={(e) => model.setTitle(e.target.value)}
          />
          <p className="cell-muted">
            {localize(template.name, i18n.language)} · v{template.version} · {doc.classification}
          </p>
        </div>
        <div className="editor-toolbar">
          <SaveIndicator model={model} />
          {!viewingOld && (
            <ExportMenu
              documentId={doc.id}
              title={model.title}
              industry={template.industry}
              classification={doc.classification}
            />
          )}
          <button
            type="button"
            className="button"
            aria-expanded={versionsOpen}
            onClick={() => setVersionsOpen((o) => !o)}
          >
            {t('editor.versions')}
          </button>
          {!viewingOld && (
            <button
              type="button"
              className="button button-primary"
              onClick={() =>
                void act(async () => {
                  await model.flush();
                  setSigning(true);
                })
              }
            >
              {t('editor.sign')}
            </button>
          )}
          {doc.locked && !viewingOld && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void act(async () => model.replaceDocument(await api.documents.amend({ id: doc.id })))
              }
            >
              {t('editor.amend')}
            </button>
          )}
        </div>
      </header>
      {doc.locked && !viewingOld && (
        <p className="editor-banner editor-banner-locked" role="status">
          <ShieldIcon width={16} height={16} aria-hidden="true" /> {t('editor.locked')}
        </p>
      )}
      {doc.content.amends && !doc.locked && (
        <p className="editor-banner">{t('editor.amendedFrom', { version: doc.content.amends.version })}</p>
      )}
      {viewingOld && (
        <p className="editor-banner" role="status">
          {t('editor.viewingOld', { version: doc.version })}{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => void act(() => model.viewVersion(undefined))}
          >
            {t('editor.backToLatest')}
          </button>
        </p>
      )}
      {notice && (
        <p className="editor-banner" role="status">
          {notice}
        </p>
      )}
      <div className="editor-body">
        <form className="editor-form" onSubmit={(e) => e.preventDefault()}>
          {template.sections.map((section) => {
            const fields = section.fields.filter((f) => f.type !== 'signature');
            if (fields.length === 0) return null;
            return (
              <section
                key={section.id}
                className="editor-section"
                aria-labelledby={`sec-${section.id}`}
                data-section={section.id}
              >
                <header className="editor-section-head">
                  <h2 id={`sec-${section.id}`}>{localize(section.title, i18n.language)}</h2>
                  {model.editable && (
                    <AiAssist
                      sections={template.sections}
                      section={section}
                      values={values}
                      documentId={doc.id}
                      classification={doc.classification}
                      onAccept={(fieldId, value, provenance) => {
                        model.setValue(fieldId, value);
                        const field = fields.find((f) => f.id === fieldId);
                        if (field?.type === 'text') model.setProvenance(fieldId, provenance);
                      }}
                    />
                  )}
                </header>
                {fields.map((field) => (
                  <FieldInput
                    key={field.id}
                    field={field}
                    value={values[field.id]}
                    issues={flags.get(field.id) ?? NO_ISSUES}
                    editable={model.editable}
                    onChange={model.setValue}
                  />
                ))}
              </section>
            );
          })}
          {(hasSignatureFields || signatures.length > 0) && <SignatureBlock signatures={signatures} />}
        </form>
        {versionsOpen && (
          <VersionsPanel
            documentId={doc.id}
            latestVersion={doc.latestVersion}
            canRestore={!doc.locked}
            onClose={() => setVersionsOpen(false)}
            onView={(v) => void act(() => model.viewVersion(v))}
            onRestore={(v) =>
              act(async () => {
                await model.flush();
                const current = await api.documents.get({ id: doc.id });
                model.replaceDocument(
                  await api.documents.restore({ id: doc.id, version: v, baseVersion: current.latestVersion }),
                );
              })
            }
          />
        )}
      </div>
      {signing && (
        <SignDialog
          documentId={doc.id}
          version={doc.latestVersion}
          onClose={() => setSigning(false)}
          onSigned={(reply) => {
            setSigning(false);
            model.replaceDocument(reply.document);
          }}
        />
      )}
    </div>
  );
}
