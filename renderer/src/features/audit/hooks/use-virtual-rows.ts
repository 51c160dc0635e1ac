import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First row index to render (inclusive). */
  start: number;
  /** Last row index to render (exclusive). */
  end: number;
}

/** Never more rows in the DOM than this, whatever the window's height. */
export const MAX_RENDERED_ROWS = 90;

/**
 * Windowing for a list of fixed-height rows in a scrolling element: which rows are on screen
 * (plus `overscan` either side). State changes only when that range does, not on every pixel.
 * `headerHeight` is the sticky header inside the scroller, above row 0.
 */
export function useVirtualRows(
  scrollerRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  headerHeight: number,
  overscan = 8,
): RowWindow & { scrollToRow(index: number): void } {
  const [view, setView] = useState({ top: 0, height: 0 });

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const measure = (): void => {
      const next = { top: scroller.scrollTop, height: scroller.clientHeight };
      setView((current) => (sameRows(current, next, rowHeight) ? current : next));
    };
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scrollerRef, rowHeight]);

  const visible = Math.max(1, Math.ceil(Math.max(0, view.height - headerHeight) / rowHeight));
  const first = Math.floor(view.top / rowHeight);
  const start = Math.max(0, Math.min(first - overscan, count - 1));
  const end = Math.max(start, Math.min(count, first + visible + overscan, start + MAX_RENDERED_ROWS));

  /** Scrolls just enough for row `index` to be fully visible below the header. */
  const scrollToRow = useCallback(
    (index: number) => {
      const scroller = scrollerRef.current;
      if (!scroller) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight + headerHeight;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (bottom > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = bottom - scroller.clientHeight;
      }
    },
    [scrollerRef, rowHeight, headerHeight],
  );

  return { start, end, scrollToRow };
}

/** Same first row and same number of rows: nothing to re-render. */
function sameRows(a: { top: number; height: number }, b: { top: number; height: number }, rowHeight: number) {
  return Math.floor(a.top / rowHeight) === Math.floor(b.top / rowHeight) && a.height === b.height;
}
