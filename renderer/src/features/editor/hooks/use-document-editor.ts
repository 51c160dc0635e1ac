/**
 * One open document: loads it and its template, keeps the user's values, autosaves them
 * (debounced) as new versions, and follows what the core answers — merges from another window,
 * conflicts, signature locks. Every save carries the version it started from.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DocumentView } from '../../../../../common/contract';
import type { AiProvenance, FieldValue, Template } from '../../../../../common/documents';
import { validateValues } from '../../../../../common/documents';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import type { Values } from '../lib/editor-values';

/** Pause after the last edit before saving: long enough not to save every keystroke. */
export const AUTOSAVE_MS = 800;

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; error: AppErrorData };

export interface EditorModel {
  doc: DocumentView;
  template: Template;
  values: Values;
  title: string;
  provenance: Record<string, AiProvenance>;
  save: SaveState;
  notice: string | null;
  /** The latest version is shown and not signed. */
  editable: boolean;
  setValue(fieldId: string, value: FieldValue): void;
  setTitle(title: string): void;
  setProvenance(fieldId: string, provenance: AiProvenance): void;
  replaceDocument(doc: DocumentView): void;
  /** Shows an older version read-only (undefined: back to the latest). */
  viewVersion(version: number | undefined): Promise<void>;
  reload(): Promise<void>;
  flush(): Promise<void>;
}

async function fetchDocument(id: string): Promise<{ next: DocumentView; template: Template }> {
  const next = await api.documents.get({ id });
  const { template } = await api.templates.get({ id: next.templateId });
  return { next, template };
}

export function useDocumentEditor(
  id: string,
): { state: 'loading' } | { state: 'error'; error: AppErrorData } | ({ state: 'ready' } & EditorModel) {
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [template, setTemplate] = useState<Template | null>(null);
  const [values, setValues] = useState<Values>({});
  const [title, setTitleState] = useState('');
  const [provenance, setProvenanceState] = useState<Record<string, AiProvenance>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'saved' });
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);

  // The save loop reads the newest values through refs (a debounced callback must not see stale state).
  const latest = useRef({ values, title, provenance, doc });
  useLayoutEffect(() => {
    latest.current = { values, title, provenance, doc };
  });
  const edits = useRef(0);
  const saving = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const adopt = useCallback((next: DocumentView) => {
    setDoc(next);
    setValues(next.content.values);
    setTitleState(next.title);
    setProvenanceState(next.content.provenance ?? {});
  }, []);

  const apply = useCallback(
    ({ next, template: t }: { next: DocumentView; template: Template }) => {
      setTemplate(t);
      adopt(next);
      setSave({ kind: 'saved' });
      setLoadError(null);
    },
    [adopt],
  );
  const fail = useCallback((error: unknown) => setLoadError(toAppError(error).toData()), []);
  const load = useCallback(() => fetchDocument(id).then(apply, fail), [id, apply, fail]);

  useEffect(() => {
    let live = true;
    fetchDocument(id).then(
      (r) => live && apply(r),
      (e: unknown) => live && fail(e),
    );
    return () => {
      live = false;
    };
  }, [id, apply, fail]);

  const runSave = useCallback(async (): Promise<void> => {
    const { doc: current } = latest.current;
    if (!current || current.locked || current.version !== current.latestVersion) return;
    const startedAt = edits.current;
    const snapshot = latest.current;
    setSave({ kind: 'saving' });
    try {
      const reply = await api.documents.save({
        id: current.id,
        baseVersion: current.version,
        edit: {
          title: snapshot.title || current.title,
          values: snapshot.values,
          provenance: snapshot.provenance,
        },
      });
      setDoc(reply.document);
      if (reply.mergedFields.length > 0) {
        // Another window's fields come in; the user's own edits since the request stay.
        setValues((v) => {
          const merged = { ...v };
          for (const f of reply.mergedFields)
            if (f !== 'title') merged[f] = reply.document.content.values[f] ?? null;
          return merged;
        });
        setNotice(`merged:${reply.mergedFields.join(', ')}`);
      } else if (reply.sanitized > 0) {
        setNotice('sanitized');
        setValues((v) => ({ ...v, ...reply.document.content.values }));
      }
      setSave(edits.current === startedAt ? { kind: 'saved' } : { kind: 'dirty' });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'CONFLICT') setSave({ kind: 'conflict', message: appError.message });
      else setSave({ kind: 'error', error: appError.toData() });
    }
  }, []);

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    while (saving.current) await saving.current;
    const run = runSave().finally(() => {
      saving.current = null;
    });
    saving.current = run;
    await run;
  }, [runSave]);

  // The debounce re-arms itself after a save that raced with typing; a ref breaks the cycle.
  const kickRef = useRef<() => void>(() => undefined);
  const kick = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void (async () => {
        while (saving.current) await saving.current;
        const before = edits.current;
        const run = runSave().finally(() => {
          saving.current = null;
        });
        saving.current = run;
        await run;
        // Edits made while saving get their own save.
        if (edits.current !== before && timer.current === null) kickRef.current();
      })();
    }, AUTOSAVE_MS);
  }, [runSave]);

  useEffect(() => {
    kickRef.current = kick;
  }, [kick]);

  const schedule = useCallback(() => {
    edits.current += 1;
    setSave((s) => (s.kind === 'conflict' ? s : { kind: 'dirty' }));
    kick();
  }, [kick]);

  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        // Leaving the editor saves what was typed.
        void runSave();
      }
    },
    [runSave],
  );

  const setValue = useCallback(
    (fieldId: string, value: FieldValue) => {
      setValues((v) => ({ ...v, [fieldId]: value }));
      schedule();
    },
    [schedule],
  );
  // Live flags: the same checks the core runs on save, on what is on screen now.
  const liveIssues = useMemo(() => (template ? validateValues(template, values) : []), [template, values]);

  if (loadError) return { state: 'error', error: loadError };
  if (!doc || !template) return { state: 'loading' };

  const editable = !doc.locked && doc.version === doc.latestVersion;
  return {
    state: 'ready',
    doc: { ...doc, issues: liveIssues },
    template,
    values,
    title,
    provenance,
    save,
    notice,
    editable,
    setValue,
    setTitle(next) {
      setTitleState(next);
      schedule();
    },
    setProvenance(fieldId, p) {
      setProvenanceState((old) => ({ ...old, [fieldId]: p }));
      schedule();
    },
    replaceDocument(next) {
      adopt(next);
      setSave({ kind: 'saved' });
    },
    async viewVersion(version) {
      await flush();
      const next = await api.documents.get({ id, ...(version !== undefined && { version }) });
      adopt(next);
    },
    reload: load,
    flush,
  };
}
