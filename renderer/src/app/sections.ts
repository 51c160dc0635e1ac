/** The app's sections, in sidebar order; Ctrl/Cmd+1..7 follow this order. */
export const sections = [
  'documents',
  'templates',
  'assistant',
  'audit',
  'models',
  'settings',
  'policy',
] as const;
export type SectionId = (typeof sections)[number];

export const defaultSection: SectionId = 'documents';

/** Sections live in the URL hash (`#/audit`) so a reload comes back to the same place. */
export function sectionHref(section: SectionId): string {
  return `#/${section}`;
}

export function sectionFromHash(hash: string): SectionId | null {
  // `#/documents/<id>` is the documents section showing one document in the editor.
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (sections as readonly string[]).includes(name) ? (name as SectionId) : null;
}

/** The editor's address for a document. */
export function documentHref(id: string): string {
  return `#/documents/${encodeURIComponent(id)}`;
}

/** The document id in `#/documents/<id>`, or null on the list. */
export function documentIdFromHash(hash: string): string | null {
  const match = /^#\/?documents\/(.+)$/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
