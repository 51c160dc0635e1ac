/**
 * A small parser for XML property lists (Apple's plist DTD 1.0): dict, array, string, integer,
 * real, true, false, date (→ ISO string) and data (→ Uint8Array). Enough for managed preferences
 * and .mobileconfig files; binary plists go through `plutil` first. Throws PlistError on anything
 * malformed, with the offset, rather than guessing.
 */

export type PlistValue =
  string | number | boolean | Uint8Array | PlistValue[] | { [key: string]: PlistValue };

export class PlistError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.name = 'PlistError';
  }
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string, offset: number): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const char = entities[ref];
    if (char === undefined) throw new PlistError(`unknown entity &${ref};`, offset);
    return char;
  });
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  start: number;
  end: number;
}

// Sticky: they match exactly at lastIndex, so scanning never copies the rest of the document.
const WHITESPACE = /\s+/y;
const TAG = /<(\/?)([A-Za-z]+)(?:\s[^>]*?)?(\/?)>/y;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  /** Skips whitespace, comments, the XML declaration and the DOCTYPE. */
  skipMisc(): void {
    const skippable: readonly [string, string][] = [
      ['<!--', '-->'],
      ['<?', '?>'],
      ['<!DOCTYPE', '>'],
    ];
    for (;;) {
      WHITESPACE.lastIndex = this.pos;
      if (WHITESPACE.test(this.text)) {
        this.pos = WHITESPACE.lastIndex;
        continue;
      }
      const found = skippable.find(([open]) => this.text.startsWith(open, this.pos));
      if (!found) return;
      const close = this.text.indexOf(found[1], this.pos + found[0].length);
      if (close < 0) throw new PlistError(`unterminated ${found[0]}`, this.pos);
      this.pos = close + found[1].length;
    }
  }

  tag(): Tag {
    this.skipMisc();
    TAG.lastIndex = this.pos;
    const match = TAG.exec(this.text);
    if (!match) throw new PlistError('expected a tag', this.pos);
    const tag = {
      name: match[2]!,
      closing: match[1] === '/',
      selfClosing: match[3] === '/',
      start: this.pos,
      end: this.pos + match[0].length,
    };
    this.pos = tag.end;
    return tag;
  }

  /** Text up to `</name>`, consuming the closing tag. */
  textUntilClose(name: string): string {
    const close = this.text.indexOf(`</${name}>`, this.pos);
    if (close < 0) throw new PlistError(`missing </${name}>`, this.pos);
    const raw = this.text.slice(this.pos, close);
    if (raw.includes('<')) throw new PlistError(`unexpected markup inside <${name}>`, this.pos);
    const start = this.pos;
    this.pos = close + name.length + 3;
    return decodeText(raw, start);
  }

  value(open: Tag = this.tag()): PlistValue {
    if (open.closing) throw new PlistError(`unexpected </${open.name}>`, open.start);
    const empty = open.selfClosing;
    switch (open.name) {
      case 'true':
      case 'false':
        if (!empty) this.expectClose(open.name);
        return open.name === 'true';
      case 'string':
        return empty ? '' : this.textUntilClose('string');
      case 'integer': {
        const text = empty ? '' : this.textUntilClose('integer').trim();
        if (!/^[+-]?\d+$/.test(text)) throw new PlistError(`invalid integer "${text}"`, open.start);
        return Number(text);
      }
      case 'real': {
        const text = empty ? '' : this.textUntilClose('real').trim();
        const value = Number(text);
        if (text === '' || Number.isNaN(value)) throw new PlistError(`invalid real "${text}"`, open.start);
        return value;
      }
      case 'date': {
        const text = empty ? '' : this.textUntilClose('date').trim();
        if (Number.isNaN(Date.parse(text))) throw new PlistError(`invalid date "${text}"`, open.start);
        return text;
      }
      case 'data': {
        const text = empty ? '' : this.textUntilClose('data').replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
          throw new PlistError('invalid base64 in <data>', open.start);
        return new Uint8Array(Buffer.from(text, 'base64'));
      }
      case 'array': {
        const items: PlistValue[] = [];
        if (empty) return items;
        for (let next = this.tag(); !(next.closing && next.name === 'array'); next = this.tag())
          items.push(this.value(next));
        return items;
      }
      case 'dict': {
        // A null prototype: keys such as "__proto__" from a hostile file stay plain data.
        const dict: { [key: string]: PlistValue } = Object.create(null) as { [key: string]: PlistValue };
        if (empty) return dict;
        for (let next = this.tag(); !(next.closing && next.name === 'dict'); next = this.tag()) {
          if (next.name !== 'key' || next.closing)
            throw new PlistError(`expected <key> in <dict>, got <${next.name}>`, next.start);
          const key = next.selfClosing ? '' : this.textUntilClose('key');
          dict[key] = this.value();
        }
        return dict;
      }
      default:
        throw new PlistError(`unknown plist element <${open.name}>`, open.start);
    }
  }

  expectClose(name: string): void {
    const close = this.tag();
    if (!close.closing || close.name !== name) throw new PlistError(`expected </${name}>`, close.start);
  }
}

/** Parses an XML plist document and returns its root value. */
export function parsePlistXml(text: string): PlistValue {
  const reader = new Reader(text.replace(/^\uFEFF/, ''));
  const root = reader.tag();
  if (root.name !== 'plist' || root.closing) throw new PlistError('expected <plist>', root.start);
  const value = reader.value();
  reader.expectClose('plist');
  reader.skipMisc();
  if (reader.pos !== reader.text.length) throw new PlistError('content after </plist>', reader.pos);
  return value;
}
