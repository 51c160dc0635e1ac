import { useEffect, type RefObject } from 'react';

/**
 * Shows a <dialog> as modal while the component is mounted (focus trapped, Escape → `cancel`), and
 * gives focus back to what had it before (a table row, a button) when it goes: the element is
 * removed by React while still open, so the browser's own restoring does not happen.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [ref]);
}
