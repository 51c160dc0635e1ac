/**
 * A readable diff between two versions: per field, word by word (the `diff` package's word diff),
 * with counts of words added and removed. Fields that did not change are left out.
 */
import { diffWordsWithSpace } from 'diff';
import type { DiffPart, FieldChange } from '../../../common/contract';
import type { DocumentContent, Template } from '../../../common/documents';
import { fieldText } from './field-text';

function countWords(text: string): number {
  return text.trim() ? text.trim().split(/\s+/).length : 0;
}

export function diffContents(template: Template, from: DocumentContent, to: DocumentContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const section of template.sections) {
    for (const field of section.fields) {
      const before = fieldText(field, from.values[field.id]);
      const after = fieldText(field, to.values[field.id]);
      if (before === after) continue;
      const parts: DiffPart[] = diffWordsWithSpace(before, after).map((c) => ({
        kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
        text: c.value,
      }));
      changes.push({
        fieldId: field.id,
        label: field.label,
        section: section.title,
        parts,
        wordsAdded: parts.filter((p) => p.kind === 'added').reduce((n, p) => n + countWords(p.text), 0),
        wordsRemoved: parts.filter((p) => p.kind === 'removed').reduce((n, p) => n + countWords(p.text), 0),
      });
    }
  }
  return changes;
}
