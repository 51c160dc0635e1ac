/**
 * What the full-text index sees of a document: its title and the text values of
 * its JSON body. Structural strings (node types, ids, URLs) are skipped so a
 * search for "paragraph" does not match every document. Deterministic: the
 * same input must give the same text, because removing a document from the FTS4
 * index re-tokenizes exactly what was indexed.
 */
const SKIP_KEYS = new Set([
  'type',
  'id',
  'uid',
  'href',
  'src',
  'url',
  'class',
  'style',
  'templateId',
  'marks',
  'schema',
  'version',
]);

export function extractText(body: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length > 0) out.push(v);
    } else if (typeof v === 'number') {
      out.push(String(v));
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!SKIP_KEYS.has(k)) walk(x);
    }
  };
  walk(body);
  return out.join(' ');
}

/** Text for the index from the stored JSON body text; non-JSON is indexed as is. */
export function searchableText(bodyJson: string): string {
  try {
    return extractText(JSON.parse(bodyJson));
  } catch {
    return bodyJson;
  }
}

/**
 * Turns what a user typed into a safe FTS4 MATCH expression: every word must
 * appear (as a prefix, so results come while typing). FTS syntax characters are
 * dropped instead of interpreted, so no input can make the query fail.
 */
export function toMatchExpression(query: string): string | undefined {
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}*"`).join(' ');
}
