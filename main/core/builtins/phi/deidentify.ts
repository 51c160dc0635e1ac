/**
 * De-identification with a reversible, local map: each identifier becomes a typed placeholder
 * ("[NAME-1]", "[DATE-2]") so the text can go to an on-prem model, and the model's answer can be
 * mapped back on the device with {@link reidentify}. The map holds the originals and must never
 * leave the device; it is plain JSON so the caller can keep it in the vault with the document.
 */
import { detectPhi } from './phi-detector';
import { isPhiType, type PhiSpan, type PhiType } from './phi.types';

/** One placeholder and what it stands for. */
export interface DeidEntry {
  placeholder: string;
  type: PhiType;
  original: string;
}

/** The reversible map of one de-identified text. Versioned so a stored map stays readable. */
export interface DeidMap {
  version: 1;
  entries: DeidEntry[];
}

/** The outcome of {@link deidentify}. */
export interface DeidResult {
  /** The text with every span replaced by its placeholder. */
  text: string;
  map: DeidMap;
  /** The spans that were replaced, in the original text's offsets. */
  spans: PhiSpan[];
}

/** Options for {@link deidentify}. */
export interface DeidentifyOptions {
  /** Spans to replace (e.g. a model's, or reviewed by a person); default: {@link detectPhi}. */
  spans?: readonly PhiSpan[];
}

const PLACEHOLDER = /\[([A-Z][A-Z0-9_]*)-(\d{1,9})\]/g;

/**
 * Replaces every identifier in `text` with a typed placeholder. The same original string gets the
 * same placeholder everywhere in the text ("Mr. [NAME-1] … [NAME-1] denies …"), so the model can
 * still follow who is who. Numbering is per type, in order of first appearance, and skips any
 * placeholder that already occurs in the input so that re-identification cannot be confused.
 */
export function deidentify(text: string, options: DeidentifyOptions = {}): DeidResult {
  const spans = normaliseSpans(text, options.spans ?? detectPhi(text));
  const taken = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) taken.add(m[0]);
  const counters = new Map<PhiType, number>();
  const byOriginal = new Map<string, DeidEntry>();
  const entries: DeidEntry[] = [];
  const parts: string[] = [];
  let cursor = 0;
  for (const span of spans) {
    const original = text.slice(span.start, span.end);
    const key = `${span.type}\u0000${original}`;
    let entry = byOriginal.get(key);
    if (entry === undefined) {
      let n = counters.get(span.type) ?? 0;
      let placeholder: string;
      do {
        n += 1;
        placeholder = `[${span.type}-${n}]`;
      } while (taken.has(placeholder));
      counters.set(span.type, n);
      entry = { placeholder, type: span.type, original };
      byOriginal.set(key, entry);
      entries.push(entry);
    }
    parts.push(text.slice(cursor, span.start), entry.placeholder);
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), map: { version: 1, entries }, spans };
}

/**
 * Puts the originals back into a de-identified text (or a model's answer about it). Placeholders
 * not in the map — invented by a model, or present in the source — are left as they are.
 */
export function reidentify(text: string, map: DeidMap): string {
  const originals = new Map(map.entries.map((entry) => [entry.placeholder, entry.original]));
  return text.replace(PLACEHOLDER, (placeholder) => originals.get(placeholder) ?? placeholder);
}

/** Checks a map read back from storage; throws on anything that is not a {@link DeidMap}. */
export function parseDeidMap(value: unknown): DeidMap {
  const map = value as Partial<DeidMap> | null;
  if (map === null || typeof map !== 'object' || map.version !== 1 || !Array.isArray(map.entries)) {
    throw new Error('not a de-identification map (version 1)');
  }
  for (const entry of map.entries as unknown[]) {
    const e = entry as Partial<DeidEntry> | null;
    if (
      e === null ||
      typeof e !== 'object' ||
      typeof e.placeholder !== 'string' ||
      typeof e.original !== 'string' ||
      typeof e.type !== 'string' ||
      !isPhiType(e.type)
    ) {
      throw new Error('malformed de-identification map entry');
    }
  }
  return map as DeidMap;
}

/** Sorts caller-supplied spans, clamps them to the text and drops overlaps (first one wins). */
function normaliseSpans(text: string, spans: readonly PhiSpan[]): PhiSpan[] {
  const sorted = spans
    .filter(
      (s) =>
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end <= text.length &&
        s.end > s.start,
    )
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhiSpan[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last === undefined || span.start >= last.end)
      kept.push({
        start: span.start,
        end: span.end,
        type: span.type,
        text: text.slice(span.start, span.end),
      });
  }
  return kept;
}
