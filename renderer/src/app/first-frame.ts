/**
 * `performance.mark(FIRST_FRAME_MARK)` once the home screen's first frame has been painted:
 * requestAnimationFrame runs just before that paint, and a task queued from it runs after. The
 * harness benchmark (bench/harness.bench.ts) reads this mark.
 */
export const FIRST_FRAME_MARK = 'starring:first-frame';

let marked = false;

export function markFirstFrame(): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() => {
    setTimeout(() => performance.mark(FIRST_FRAME_MARK), 0);
  });
}
