/**
 * Builds a note's text and its gold annotations together, so an offset can never drift from the
 * text it labels: templates interpolate {@link Phi} values and plain strings, and the builder
 * records where each Phi value lands.
 */
import type { PhiSpan, PhiType } from '../phi/phi.types';

/** A piece of identifying text with its gold type. */
export interface Phi {
  readonly type: PhiType;
  readonly text: string;
}

/** What a template may interpolate: text, an identifier, or a sequence of both. */
export type Piece = string | number | Phi | readonly Piece[];

/**
 * A line of a note as a tagged template: b.add(line`MRN: ${mrn}`) appends the text, the Phi
 * values as gold spans, and a newline.
 */
export function line(strings: TemplateStringsArray, ...values: Piece[]): Piece[] {
  const pieces: Piece[] = [];
  strings.forEach((chunk, i) => {
    pieces.push(chunk);
    if (i < values.length) pieces.push(values[i]!);
  });
  pieces.push('\n');
  return pieces;
}

/** Shorthand for a gold-labelled value. */
export const phi = (type: PhiType, text: string): Phi => ({ type, text });

/** One generated note with its gold spans (sorted, non-overlapping). */
export interface AnnotatedNote {
  id: string;
  kind: string;
  text: string;
  spans: PhiSpan[];
}

/** Accumulates text and gold spans. */
export class NoteBuilder {
  private readonly parts: string[] = [];
  private readonly spans: PhiSpan[] = [];
  private length = 0;

  /** Appends pieces; Phi values become gold spans at their exact offsets. */
  add(...pieces: Piece[]): this {
    for (const piece of pieces) this.append(piece);
    return this;
  }

  /** The note so far. */
  build(id: string, kind: string): AnnotatedNote {
    return { id, kind, text: this.parts.join(''), spans: [...this.spans] };
  }

  private append(piece: Piece): this {
    if (typeof piece === 'string' || typeof piece === 'number') {
      const text = String(piece);
      this.parts.push(text);
      this.length += text.length;
    } else if (Array.isArray(piece)) {
      for (const inner of piece as readonly Piece[]) this.append(inner);
    } else {
      const value = piece as Phi;
      this.spans.push({
        start: this.length,
        end: this.length + value.text.length,
        type: value.type,
        text: value.text,
      });
      this.parts.push(value.text);
      this.length += value.text.length;
    }
    return this;
  }
}
