import { useEffect } from 'react';
import { defaultSection, sectionFromHash } from '../../../app/sections';
import { useStore } from '../../../store';

/** Keeps the store's section in step with the URL hash (links, back/forward, shortcuts). */
export function useHashSection(): void {
  const setSection = useStore((s) => s.setSection);
  useEffect(() => {
    const sync = (): void => {
      // No hash (back to the first page) is the home section.
      setSection(sectionFromHash(window.location.hash) ?? defaultSection);
    };
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setSection]);
}
