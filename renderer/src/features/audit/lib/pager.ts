/**
 * Infinite scroll over the audit log, newest first, with a bounded cache.
 *
 * The list is an index space of rows: `before` rows the user scrolled past and we let go of, then
 * the loaded `rows`, then `after` rows let go of below. Rows let go of keep their place (the table
 * keeps its height, so the scroll position never jumps) and come back from the log when scrolled
 * to again. At most `maxRows` entries are held, however long the log: a compliance officer can
 * scroll through a million entries without the window's memory growing with them.
 *
 * Older rows come from `audit.query` in 'desc' order continuing `beforeSeq`; rows let go of above
 * come back in 'asc' order continuing `afterSeq` (the nearest newer ones first). A page never
 * scans more than the core's budget, so a narrow filter may answer with few or no entries and a
 * cursor: the pager simply asks again while the user is at the end of what is loaded.
 */
import type { AuditQueryReply, AuditQueryRequest } from '../../../../../common/contract';
import type { AuditEntry } from '../../../../../common/audit/entry.schema';
import type { AppErrorData } from '../../../../../common/errors';
import { toAppError } from '../../../api';
import type { QueryFilter } from './filters';

export type QueryPage = (request: AuditQueryRequest) => Promise<AuditQueryReply>;

export interface PagerSnapshot {
  phase: 'loading' | 'ready' | 'error';
  /** Why the first page failed (phase 'error'), or why the last page failed (phase 'ready'). */
  error: AppErrorData | null;
  /** Rows above `rows` that are known but not held (scrolled far past). */
  before: number;
  rows: readonly AuditEntry[];
  /** Rows below `rows` that are known but not held. */
  after: number;
  /** More matching entries may exist below everything known. */
  more: boolean;
  /** A page on its way, and in which direction. */
  loading: 'above' | 'below' | null;
  /** The last page below came back without a single match (a narrow filter over a long log). */
  searching: boolean;
}

export interface PagerOptions {
  pageSize?: number;
  maxRows?: number;
  /** Load when the visible rows come this close to the edge of what is held. */
  threshold?: number;
}

export function rowCount(snapshot: PagerSnapshot): number {
  return snapshot.before + snapshot.rows.length + snapshot.after;
}

/** The entry at a row index, or null while that row is not held. */
export function entryAt(snapshot: PagerSnapshot, index: number): AuditEntry | null {
  return snapshot.rows[index - snapshot.before] ?? null;
}

const initial: PagerSnapshot = {
  phase: 'loading',
  error: null,
  before: 0,
  rows: [],
  after: 0,
  more: false,
  loading: null,
  searching: false,
};

let pagers = 0;

export class AuditPager {
  /** Distinct per pager: the grid is keyed by it, so new filters start at the top. */
  readonly id = ++pagers;
  private snapshot: PagerSnapshot = initial;
  private readonly listeners = new Set<() => void>();
  /** Bumped by start() and dispose(): an answer to an older request is dropped. */
  private generation = 0;
  /** Cursors into the log: continue above with afterSeq, below with beforeSeq (null: the end). */
  private topCursor = 0;
  private bottomCursor: number | null = null;
  /** The rows on screen, as last reported; loads and drops are planned around them. */
  private view = { first: 0, last: 0 };
  private readonly pageSize: number;
  private readonly maxRows: number;
  private readonly threshold: number;

  constructor(
    private readonly query: QueryPage,
    private readonly filter: QueryFilter,
    private readonly onError: (error: AppErrorData) => void,
    options: PagerOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.maxRows = Math.max(options.maxRows ?? 2000, this.pageSize * 3);
    this.threshold = options.threshold ?? 40;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagerSnapshot => this.snapshot;

  /** (Re)loads the newest page; safe to call again after dispose() (React's StrictMode does). */
  start(): void {
    const generation = ++this.generation;
    this.topCursor = 0;
    this.bottomCursor = null;
    this.set(initial);
    this.query({ ...this.filter, order: 'desc', limit: this.pageSize }).then(
      (page) => {
        if (generation !== this.generation) return;
        this.bottomCursor = page.next;
        this.set({
          ...initial,
          phase: 'ready',
          rows: page.entries,
          more: page.next !== null,
          searching: page.entries.length === 0 && page.next !== null,
        });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        const data = toAppError(error).toData();
        this.set({ ...initial, phase: 'error', error: data });
        this.onError(data);
      },
    );
  }

  /** Stops: answers still on their way are dropped. */
  dispose(): void {
    this.generation += 1;
  }

  /** Tells the pager which rows are on screen; it loads what is near them and lets go of the rest. */
  show(first: number, last: number): void {
    this.view = { first, last };
    const s = this.snapshot;
    if (s.phase !== 'ready' || s.loading !== null || s.error !== null) return;
    const heldStart = s.before;
    const heldEnd = s.before + s.rows.length;
    if (s.before > 0 && first <= heldStart + this.threshold) {
      this.loadAbove();
    } else if (s.more && last >= heldEnd - this.threshold) {
      this.loadBelow();
    }
  }

  /** After a page failed: try it again. */
  retry(): void {
    if (this.snapshot.phase === 'error') {
      this.start();
      return;
    }
    this.set({ ...this.snapshot, error: null });
    this.show(this.view.first, this.view.last);
  }

  private loadBelow(): void {
    const generation = this.generation;
    const cursor = this.bottomCursor;
    if (cursor === null) return;
    this.set({ ...this.snapshot, loading: 'below' });
    this.query({ ...this.filter, order: 'desc', beforeSeq: cursor, limit: this.pageSize }).then(
      (page) => {
        if (generation !== this.generation) return;
        const s = this.snapshot;
        this.bottomCursor = page.next;
        let rows = [...s.rows, ...page.entries];
        let before = s.before;
        // Let go of rows far above the screen, never of those on it or just above it.
        const excess = rows.length - this.maxRows;
        const keepFrom = Math.max(0, this.view.first - before - this.pageSize);
        const drop = Math.max(0, Math.min(excess, keepFrom));
        if (drop > 0) {
          rows = rows.slice(drop);
          before += drop;
          this.topCursor = (rows[0] as AuditEntry).seq;
        }
        this.set({
          ...s,
          rows,
          before,
          after: page.next === null ? 0 : Math.max(0, s.after - page.entries.length),
          more: page.next !== null,
          loading: null,
          searching: page.entries.length === 0 && page.next !== null,
        });
        this.show(this.view.first, this.view.last);
      },
      (error: unknown) => this.failPage(generation, error),
    );
  }

  private loadAbove(): void {
    const generation = this.generation;
    const wanted = Math.min(this.pageSize, this.snapshot.before);
    this.set({ ...this.snapshot, loading: 'above' });
    this.query({ ...this.filter, order: 'asc', afterSeq: this.topCursor, limit: wanted }).then(
      (page) => {
        if (generation !== this.generation) return;
        const s = this.snapshot;
        // Ascending: the nearest newer entries first. Shown newest first, so reversed.
        const newer = page.entries.slice(0, s.before).reverse();
        let rows = [...newer, ...s.rows];
        // Nothing newer left (entries vanished, e.g. pruned): the rows above are gone, not pending.
        const before = page.next === null ? 0 : s.before - newer.length;
        if (page.next !== null) this.topCursor = page.next;
        let after = s.after;
        const excess = rows.length - this.maxRows;
        const keepTo = this.view.last - before + this.pageSize;
        const drop = Math.max(0, Math.min(excess, rows.length - keepTo));
        if (drop > 0) {
          rows = rows.slice(0, rows.length - drop);
          after += drop;
          this.bottomCursor = (rows[rows.length - 1] as AuditEntry).seq;
        }
        this.set({ ...s, rows, before, after, more: this.bottomCursor !== null, loading: null });
        this.show(this.view.first, this.view.last);
      },
      (error: unknown) => this.failPage(generation, error),
    );
  }

  private failPage(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    const data = toAppError(error).toData();
    this.set({ ...this.snapshot, loading: null, error: data });
    this.onError(data);
  }

  private set(snapshot: PagerSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
