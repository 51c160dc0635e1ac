import { useEffect } from 'react';
import { useStore } from '../../../store';

/** Ctrl+L (⌘L on macOS) locks the vault from anywhere in the app frame. */
export function useLockShortcut(): void {
  const lockVault = useStore((s) => s.lockVault);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.code !== 'KeyL' && event.key.toLowerCase() !== 'l') return;
      event.preventDefault();
      void lockVault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [lockVault]);
}
