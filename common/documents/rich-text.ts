/**
 * The rich-text allowlist. The editor's TipTap schema already drops what it does not know when
 * HTML is pasted (scripts, iframes, event handlers never become nodes); the core applies the same
 * allowlist again on save, because a save request may come from anything that speaks the contract.
 */
import type { RichDoc, RichNode } from './document.model';

/** Node types the editor's schema (StarterKit) produces, and their allowed attributes. */
const NODES: Record<string, readonly string[]> = {
  doc: [],
  paragraph: ['textAlign'],
  text: [],
  heading: ['level'],
  bulletList: [],
  orderedList: ['start', 'type'],
  listItem: [],
  blockquote: [],
  codeBlock: ['language'],
  hardBreak: [],
  horizontalRule: [],
};

/** Mark types and their allowed attributes; `aiProvenance` is our own (see AiProvenance). */
const MARKS: Record<string, readonly string[]> = {
  bold: [],
  italic: [],
  strike: [],
  underline: [],
  code: [],
  link: ['href'],
  aiProvenance: ['model', 'packSha256', 'provider', 'at', 'action'],
};

export const ALLOWED_NODE_TYPES = Object.keys(NODES);
export const ALLOWED_MARK_TYPES = Object.keys(MARKS);

/** Links may point only at the web or mail: `javascript:` and `data:` URLs are dropped. */
const SAFE_HREF = /^(https?:|mailto:)/i;

function pickAttrs(
  attrs: Record<string, unknown> | undefined,
  allowed: readonly string[],
): Record<string, unknown> | undefined {
  if (!attrs) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of allowed) {
    const v = attrs[key];
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

export interface SanitizeResult {
  doc: RichDoc;
  /** How many nodes, marks or attributes were dropped. */
  removed: number;
}

/** Returns the document with every node/mark/attribute outside the allowlist removed. */
export function sanitizeRichDoc(doc: RichDoc): SanitizeResult {
  let removed = 0;
  const cleanNode = (node: RichNode): RichNode[] => {
    const allowedAttrs = NODES[node.type];
    if (!allowedAttrs || node.type === 'doc') {
      // An unknown node is dropped, but its text is kept as plain text: content is not lost,
      // only the markup (a <script> never reaches here as text: the editor drops it on paste).
      removed++;
      return (node.content ?? []).flatMap(cleanNode);
    }
    const out: RichNode = { type: node.type };
    const attrs = pickAttrs(node.attrs, allowedAttrs);
    if (node.attrs && Object.keys(node.attrs).length !== Object.keys(attrs ?? {}).length) removed++;
    if (attrs) out.attrs = attrs;
    if (node.type === 'text') {
      out.text = typeof node.text === 'string' ? node.text : '';
      if (!out.text) {
        removed++;
        return [];
      }
    }
    if (node.marks) {
      const marks = node.marks.flatMap((m) => {
        const allowed = MARKS[m.type];
        if (!allowed) {
          removed++;
          return [];
        }
        const mattrs = pickAttrs(m.attrs, allowed);
        if (m.type === 'link' && (typeof mattrs?.href !== 'string' || !SAFE_HREF.test(mattrs.href))) {
          removed++;
          return [];
        }
        return [mattrs ? { type: m.type, attrs: mattrs } : { type: m.type }];
      });
      if (marks.length) out.marks = marks;
    }
    if (node.content && node.type !== 'text') out.content = node.content.flatMap(cleanNode);
    return [out];
  };
  const content = (doc.content ?? []).flatMap(cleanNode);
  return { doc: { type: 'doc', content }, removed };
}

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock']);

/** The text of a rich document, one line per block (for diff, readability, search, export). */
export function richTextToPlain(doc: RichDoc | RichNode | undefined): string {
  if (!doc) return '';
  const lines: string[] = [];
  let line = '';
  const walk = (node: RichNode) => {
    if (node.type === 'text') line += node.text ?? '';
    else if (node.type === 'hardBreak') line += '\n';
    for (const child of node.content ?? []) walk(child);
    if (BLOCKS.has(node.type) && line) {
      lines.push(line);
      line = '';
    }
  };
  walk(doc as RichNode);
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A rich document holding the given text, one paragraph per line. */
export function plainToRichDoc(text: string, marks?: RichNode['marks']): RichDoc {
  const paragraphs = text.split(/\n+/).filter((l) => l.trim());
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: p, ...(marks && { marks }) }],
    })),
  };
}
