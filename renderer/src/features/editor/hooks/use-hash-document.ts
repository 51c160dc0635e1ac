import { useEffect, useState } from 'react';
import { documentIdFromHash } from '../../../app/sections';

/** The document id in the URL (`#/documents/<id>`), following back/forward and links. */
export function useHashDocumentId(): string | null {
  const [id, setId] = useState(() => documentIdFromHash(window.location.hash));
  useEffect(() => {
    const sync = () => setId(documentIdFromHash(window.location.hash));
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  return id;
}
