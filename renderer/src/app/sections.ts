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
  const name = hash.replace(/^#\/?/, '');
  return (sections as readonly string[]).includes(name) ? (name as SectionId) : null;
}
