import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditEntry } from '../../../../../common/audit/entry.schema';
import type { Locale } from '../../../../../common/contract';
import { formatDateTime } from '../../../lib/format';
import { useVirtualRows } from '../hooks/use-virtual-rows';
import { actionLabel, type AuditT } from '../i18n/t';
import { entryReason } from '../lib/entry';
import { entryAt, rowCount, type AuditPager, type PagerSnapshot } from '../lib/pager';
import { OutcomeBadge } from './OutcomeBadge';

/** Fixed heights (px), matched by audit.css: the window is computed from them, never measured. */
export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 36;

/**
 * The log as an ARIA grid of fixed-height rows, windowed: only the rows on screen (and a few
 * either side) are in the DOM, absolutely placed in a body as tall as every known row, so the
 * scrollbar is honest and the DOM stays small however far the user scrolls. Reaching the end
 * asks the pager for more; rows scrolled far past are let go of and come back when needed.
 *
 * Keyboard: one row is in the tab order (roving tabindex); ↑ ↓ PageUp PageDown Home End move,
 * Enter or Space opens the entry.
 */
export function AuditGrid(props: {
  pager: AuditPager;
  snapshot: PagerSnapshot;
  locale: Locale;
  onOpen(entry: AuditEntry): void;
  t: AuditT;
}) {
  const { pager, snapshot, t } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const total = rowCount(snapshot);
  const footer = snapshot.more || snapshot.error !== null;
  const { start, end, scrollToRow } = useVirtualRows(
    scrollerRef,
    total + (footer ? 1 : 0),
    ROW_HEIGHT,
    HEADER_HEIGHT,
  );
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  // Tell the pager what is on screen: it loads what is near and lets go of what is far.
  useEffect(() => {
    pager.show(start, Math.max(start, end - 1));
  }, [pager, start, end, snapshot]);

  // Keyboard moves render the target row first, then focus it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  }, [active, start, end]);

  const moveTo = (index: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    focusPending.current = true;
    setActive(next);
    scrollToRow(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const index = target.dataset.index === undefined ? null : Number(target.dataset.index);
    if (index === null) return;
    const height = scrollerRef.current?.clientHeight ?? 0;
    const visibleRows = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + visibleRows,
      PageUp: index - visibleRows,
      Home: 0,
      End: total - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moveTo(to);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      const entry = entryAt(snapshot, index);
      if (entry) {
        event.preventDefault();
        props.onOpen(entry);
      }
    }
  };

  const tabbable = active >= start && active < Math.min(end, total) ? active : start;
  const rows = [];
  for (let index = start; index < Math.min(end, total); index += 1) {
    const entry = entryAt(snapshot, index);
    rows.push(
      entry ? (
        <EntryRow
          key={entry.seq}
          entry={entry}
          index={index}
          tabbable={index === tabbable}
          locale={props.locale}
          onOpen={props.onOpen}
          onFocusRow={setActive}
          t={t}
        />
      ) : (
        <PendingRow key={`pending-${index}`} index={index} tabbable={index === tabbable} t={t} />
      ),
    );
  }

  return (
    <div className="audit-grid-scroller" ref={scrollerRef} onKeyDown={onKeyDown}>
      <div
        role="grid"
        className="audit-grid"
        aria-label={t('table.label')}
        aria-rowcount={snapshot.more ? -1 : total + 1}
        aria-colcount={7}
        aria-busy={snapshot.loading !== null}
        data-held-rows={snapshot.rows.length}
      >
        <div role="rowgroup" className="audit-grid-head">
          <div role="row" className="audit-row audit-row-head" aria-rowindex={1}>
            <div role="columnheader" className="audit-cell audit-cell-seq">
              {t('columns.seq')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.time')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.actor')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.action')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.outcome')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.reason')}
            </div>
            <div role="columnheader" className="audit-cell">
              {t('columns.resource')}
            </div>
          </div>
        </div>
        <div
          role="rowgroup"
          className="audit-grid-body"
          style={{ height: (total + (footer ? 1 : 0)) * ROW_HEIGHT }}
        >
          {rows}
          {footer && end > total && (
            <FooterRow index={total} snapshot={snapshot} onRetry={() => pager.retry()} t={t} />
          )}
        </div>
      </div>
    </div>
  );
}

const EntryRow = memo(function EntryRow(props: {
  entry: AuditEntry;
  index: number;
  tabbable: boolean;
  locale: Locale;
  onOpen(entry: AuditEntry): void;
  onFocusRow(index: number): void;
  t: AuditT;
}) {
  const { entry, index, t } = props;
  const reason = entryReason(entry);
  const label = actionLabel(t, entry.action);
  const resource = `${entry.resource.type}: ${entry.resource.id}`;
  return (
    <div
      role="row"
      className={`audit-row audit-row-${entry.outcome}`}
      aria-rowindex={index + 2}
      tabIndex={props.tabbable ? 0 : -1}
      data-index={index}
      data-seq={entry.seq}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={() => props.onOpen(entry)}
      onFocus={() => props.onFocusRow(index)}
    >
      <div role="gridcell" className="audit-cell audit-cell-seq">
        {entry.seq}
      </div>
      <div role="gridcell" className="audit-cell" title={entry.ts}>
        {formatDateTime(entry.ts, props.locale)}
      </div>
      <div role="gridcell" className="audit-cell" title={entry.actor}>
        {entry.actor}
      </div>
      {/* The words a person reads; the channel an auditor greps for stays in the tooltip and details. */}
      <div
        role="gridcell"
        className={label ? 'audit-cell' : 'audit-cell audit-cell-mono'}
        title={entry.action}
      >
        {label ?? entry.action}
      </div>
      <div role="gridcell" className="audit-cell">
        <OutcomeBadge outcome={entry.outcome} t={t} />
      </div>
      <div role="gridcell" className="audit-cell audit-cell-muted" title={reason ?? undefined}>
        {reason}
      </div>
      <div role="gridcell" className="audit-cell audit-cell-mono" title={resource}>
        {entry.resource.id}
      </div>
    </div>
  );
});

/** A row scrolled far past and let go of, on its way back from the log. */
function PendingRow(props: { index: number; tabbable: boolean; t: AuditT }) {
  return (
    <div
      role="row"
      className="audit-row audit-row-pending"
      aria-rowindex={props.index + 2}
      aria-busy="true"
      tabIndex={props.tabbable ? 0 : -1}
      data-index={props.index}
      style={{ transform: `translateY(${props.index * ROW_HEIGHT}px)` }}
    >
      <div role="gridcell" className="audit-cell audit-cell-wide">
        {props.t('table.pending')}
      </div>
    </div>
  );
}

/** Below the last known row: loading, still searching (narrow filter), or a page that failed. */
function FooterRow(props: { index: number; snapshot: PagerSnapshot; onRetry(): void; t: AuditT }) {
  const { snapshot, t } = props;
  return (
    <div
      role="row"
      className="audit-row audit-row-footer"
      aria-rowindex={props.index + 2}
      style={{ transform: `translateY(${props.index * ROW_HEIGHT}px)` }}
    >
      <div role="gridcell" className="audit-cell audit-cell-wide">
        {snapshot.error ? (
          <>
            <span className="audit-footer-error">{t('table.pageFailed')}</span>
            <button type="button" className="button button-small" onClick={props.onRetry}>
              {t('retry')}
            </button>
          </>
        ) : (
          <span className="audit-footer-loading">
            {snapshot.searching ? t('table.searching') : t('table.loadingMore')}
          </span>
        )}
      </div>
    </div>
  );
}
