import { useEffect, useId, useRef, useState } from 'react';
import type { Classification, ExportFileFormat, Industry } from '../../../../common/contract';
import { api, toAppError } from '../../api';
import { CrossIcon } from '../../ui/icons';
import { formatBytes } from '../../lib/format';
import { useStore } from '../../store';
import { useExportT } from './i18n/t';
import './export-menu.css';

export interface ExportMenuProps {
  documentId: string;
  title: string;
  industry: Industry;
  classification: Classification;
  /** An earlier version to export; the current one by default. */
  version?: number;
  /** Formats offered; by default every format, FHIR only for healthcare documents. */
  formats?: readonly ExportFileFormat[];
  /** Smaller trigger for table rows. */
  compact?: boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; format: ExportFileFormat }
  | { kind: 'done'; fileName: string; path: string; bytes: number }
  | { kind: 'denied' | 'failed'; message: string };

const ALL: readonly ExportFileFormat[] = ['pdf', 'docx', 'markdown', 'csv', 'fhir'];

/**
 * The Export menu: one button that opens a menu of formats; choosing one asks the core to export
 * (policy decides per classification and format — a refusal shows the policy's own sentence) and
 * then says where the file went. Used in the editor's toolbar and in the documents list's rows.
 */
export function ExportMenu(props: ExportMenuProps) {
  const t = useExportT();
  const locale = useStore((s) => s.locale);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const formats = props.formats ?? ALL.filter((f) => f !== 'fhir' || props.industry === 'healthcare');

  useEffect(() => {
    if (!open) return;
    const first = root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]');
    first?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  async function run(format: ExportFileFormat) {
    setOpen(false);
    setState({ kind: 'busy', format });
    try {
      const result = await api.documents.export({
        documentId: props.documentId,
        format,
        locale,
        ...(props.version !== undefined && { version: props.version }),
      });
      setState({ kind: 'done', fileName: result.fileName, path: result.path, bytes: result.bytes });
    } catch (error) {
      const appError = toAppError(error);
      setState({ kind: appError.code === 'POLICY_DENIED' ? 'denied' : 'failed', message: appError.message });
    }
  }

  function onMenuKey(event: React.KeyboardEvent<HTMLDivElement>) {
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      trigger.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  }

  return (
    <div className={`export-menu${props.compact ? ' export-menu-compact' : ''}`} ref={root}>
      <button
        ref={trigger}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={state.kind === 'busy'}
        onClick={() => setOpen((o) => !o)}
      >
        {t('button')}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          className="export-menu-list"
          aria-label={t('menuLabel', { title: props.title })}
          onKeyDown={onMenuKey}
        >
          {formats.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="export-menu-item"
              onClick={() => void run(format)}
            >
              {t(`formats.${format}`)}
            </button>
          ))}
        </div>
      )}
      {state.kind === 'busy' && (
        <p role="status" className="export-menu-status">
          {t('exporting', { format: t(`formats.${state.format}`) })}
        </p>
      )}
      {state.kind === 'done' && (
        <p role="status" className="export-menu-status" title={state.path}>
          {t('done', { fileName: state.fileName, size: formatBytes(state.bytes, locale) })}
          <Dismiss label={t('dismiss')} onClick={() => setState({ kind: 'idle' })} />
        </p>
      )}
      {(state.kind === 'denied' || state.kind === 'failed') && (
        <p role="alert" className="export-menu-status export-menu-error">
          {t(state.kind, { reason: state.message })}
          <Dismiss label={t('dismiss')} onClick={() => setState({ kind: 'idle' })} />
        </p>
      )}
    </div>
  );
}

function Dismiss(props: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="icon-button export-menu-dismiss"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      <CrossIcon width={14} height={14} />
    </button>
  );
}
