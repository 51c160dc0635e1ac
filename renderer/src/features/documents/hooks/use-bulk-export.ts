import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSummary, ExportFileFormat } from '../../../../../common/contract';
import { api, toAppError } from '../../../api';
import { useStore } from '../../../store';

export type ExportOutcome =
  | { id: string; title: string; ok: true; fileName: string }
  | { id: string; title: string; ok: false; denied: boolean; message: string };

export type BulkExportState =
  | { phase: 'idle' }
  | { phase: 'running'; format: ExportFileFormat; total: number; current: number; outcomes: ExportOutcome[] }
  | {
      phase: 'done';
      format: ExportFileFormat;
      total: number;
      outcomes: ExportOutcome[];
      /** Documents not tried because the user cancelled a save dialog (desktop: one per file). */
      skipped: number;
    };

/**
 * Exports several documents, one `documents.export` call after another: the core decides policy
 * per document (a PHI document can be refused while the others go through), so each call stands
 * alone, a refusal or failure is kept in words, and the files already written stay. One at a time
 * keeps the progress honest and the core's export work (PDF fonts, say) off a busy CPU.
 */
export function useBulkExport() {
  const locale = useStore((s) => s.locale);
  const [state, setState] = useState<BulkExportState>({ phase: 'idle' });
  // A run outlives nothing: leaving the view stops it before the next document.
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    async (documents: readonly DocumentSummary[], format: ExportFileFormat) => {
      const outcomes: ExportOutcome[] = [];
      const total = documents.length;
      for (const [index, doc] of documents.entries()) {
        if (!live.current) return;
        setState({ phase: 'running', format, total, current: index + 1, outcomes: [...outcomes] });
        try {
          const result = await api.documents.export({ documentId: doc.id, format, locale });
          outcomes.push({ id: doc.id, title: doc.title, ok: true, fileName: result.fileName });
        } catch (error) {
          const appError = toAppError(error);
          outcomes.push({
            id: doc.id,
            title: doc.title,
            ok: false,
            denied: appError.code === 'POLICY_DENIED',
            message: appError.message,
          });
          // Cancelling the desktop's save dialog means "stop", not "skip this one and ask again".
          if (appError.code === 'CANCELLED') break;
        }
      }
      const skipped = total - outcomes.length;
      if (live.current) setState({ phase: 'done', format, total, outcomes, skipped });
    },
    [locale],
  );

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, dismiss };
}
