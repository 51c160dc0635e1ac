import { useEffect } from 'react';
import { goToSection } from '../../../app/navigation';
import { sections } from '../../../app/sections';

/** Ctrl+1..6 (⌘1..6 on macOS) jump to a section, in sidebar order, wherever focus is. */
export function useNavShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      // `code` is layout-independent (an IME or AZERTY may give another `key` for the digit row).
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? event.key;
      const section = sections[Number(digit) - 1];
      if (!section) return;
      event.preventDefault();
      goToSection(section, { focusHeading: true });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
