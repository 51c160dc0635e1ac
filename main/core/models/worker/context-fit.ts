/**
 * Makes a conversation fit a model's context window instead of crashing or silently overflowing:
 * oldest turns go first (system instructions and the latest message stay), then the longest
 * remaining message is shortened in the middle, keeping its beginning (the instruction) and its
 * end (the question). Pure: token counting is injected, so it is tested without a model.
 */
import type { ChatMessage } from './worker-protocol';

/** The messages to send and what had to be cut. */
export interface FitResult {
  messages: ChatMessage[];
  droppedMessages: number;
  shortenedMessages: number;
  fits: boolean;
}

const ELLIPSIS = ' […] ';

function middleCut(text: string, keep: number): string {
  if (keep >= text.length) return text;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}${ELLIPSIS}${text.slice(text.length - (keep - head))}`;
}

/** Largest `keep` (characters) for which `fits(keep)` holds, by binary search; -1 if none. */
function largestFitting(max: number, fits: (keep: number) => boolean): number {
  if (!fits(0)) return -1;
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Returns messages whose token count (as `count` measures the whole prompt) is ≤ `budget`.
 * `fits` is false when even the shortest form does not fit (e.g. the template alone is too big).
 */
export function fitMessages(
  input: ChatMessage[],
  budget: number,
  count: (messages: ChatMessage[]) => number,
): FitResult {
  let messages = input.map((m) => ({ ...m }));
  let droppedMessages = 0;
  let shortenedMessages = 0;
  const within = (candidate: ChatMessage[]): boolean => count(candidate) <= budget;
  if (within(messages)) return { messages, droppedMessages, shortenedMessages, fits: true };

  // 1. Drop the oldest turns that are neither system instructions nor the latest message.
  while (!within(messages)) {
    const index = messages.findIndex((m, i) => m.role !== 'system' && i < messages.length - 1);
    if (index < 0) break;
    messages = messages.filter((_, i) => i !== index);
    droppedMessages += 1;
  }

  // 2. Shorten the longest messages, one at a time, as little as needed.
  const shortened = new Set<number>();
  while (!within(messages) && shortened.size < messages.length) {
    let longest = -1;
    messages.forEach((m, i) => {
      if (!shortened.has(i) && (longest < 0 || m.content.length > messages[longest]!.content.length))
        longest = i;
    });
    const original = messages[longest]!.content;
    const withKeep = (keep: number): ChatMessage[] =>
      messages.map((m, i) =>
        i === longest ? { ...m, content: keep === 0 ? '' : middleCut(original, keep) } : m,
      );
    const keep = largestFitting(original.length, (k) => within(withKeep(k)));
    shortened.add(longest);
    shortenedMessages += 1;
    messages = withKeep(keep < 0 ? 0 : keep);
  }
  return { messages, droppedMessages, shortenedMessages, fits: within(messages) };
}
