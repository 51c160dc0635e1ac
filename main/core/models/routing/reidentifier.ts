/**
 * Puts the original identifiers back into an answer that was generated from de-identified text
 * (the de-identifier in core/builtins returns `{ text, map }`, placeholder → original). Streaming
 * makes it subtle: a placeholder can arrive split over several tokens, so text that could still be
 * the start of a placeholder is held back until it is known.
 */

/**
 * The de-identifier's map: core/builtins' `DeidMap` (`{ entries: [{ placeholder, original }] }`),
 * or a plain placeholder → original Map or object.
 */
export type DeidentifyMap =
  | { readonly entries: readonly { readonly placeholder: string; readonly original: string }[] }
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string>>;

/** Streaming re-identification. */
export interface Reidentifier {
  /** Feeds streamed text; returns what is safe to show now. */
  push(text: string): string;
  /** Returns whatever is still held back (end of stream). */
  flush(): string;
}

function entries(map: DeidentifyMap): [string, string][] {
  const list: [string, string][] =
    map instanceof Map
      ? [...map.entries()]
      : Array.isArray((map as { entries?: unknown }).entries)
        ? (map as { entries: { placeholder: string; original: string }[] }).entries.map((e) => [
            e.placeholder,
            e.original,
          ])
        : Object.entries(map as Record<string, string>);
  // Longest placeholders first, so "[NAME_10]" is not read as "[NAME_1]" + "0]".
  return list.filter(([placeholder]) => placeholder.length > 0).sort((a, b) => b[0].length - a[0].length);
}

/** Replaces every placeholder in a complete text. */
export function reidentify(text: string, map: DeidentifyMap): string {
  let out = text;
  for (const [placeholder, original] of entries(map)) out = out.split(placeholder).join(original);
  return out;
}

/** Creates a streaming re-identifier for one answer. */
export function createReidentifier(map: DeidentifyMap): Reidentifier {
  const pairs = entries(map);
  let held = '';

  /** Length of the longest suffix of `text` that is a proper prefix of some placeholder. */
  function partialTail(text: string): number {
    let best = 0;
    for (const [placeholder] of pairs) {
      for (let n = Math.min(placeholder.length - 1, text.length); n > best; n -= 1) {
        if (text.endsWith(placeholder.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }

  return {
    push(text) {
      if (pairs.length === 0) return text;
      const replaced = reidentify(held + text, map);
      const keep = partialTail(replaced);
      held = replaced.slice(replaced.length - keep);
      return replaced.slice(0, replaced.length - keep);
    },
    flush() {
      const rest = held;
      held = '';
      return rest;
    },
  };
}
