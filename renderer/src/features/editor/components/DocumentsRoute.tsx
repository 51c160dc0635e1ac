import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentsView } from '../../documents/components/DocumentsView';
import { useHashDocumentId } from '../hooks/use-hash-document';

// The editor (TipTap/ProseMirror) is most of the renderer's code; loading it on first open keeps
// the app's first frame — the Documents list or the vault gate — as fast as it was without it.
const EditorView = lazy(async () => ({ default: (await import('./EditorView')).EditorView }));

/** The documents section: the list, or one document in the editor (`#/documents/<id>`). */
export function DocumentsRoute() {
  const id = useHashDocumentId();
  const { t } = useTranslation();
  if (!id) return <DocumentsView />;
  return (
    <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
      <EditorView key={id} id={id} />
    </Suspense>
  );
}
