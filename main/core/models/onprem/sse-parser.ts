/**
 * Incremental Server-Sent Events parsing for OpenAI-style streams: `data:` lines (possibly several
 * per event), `:` comments (keep-alives), blank line ends an event, CRLF or LF. Chunks arrive split
 * anywhere, including inside a UTF-8 character, so bytes are decoded with a streaming decoder.
 */

export interface SseEvent {
  event?: string;
  data: string;
}

/** A stateful parser fed with raw response chunks. */
export interface SseParser {
  /** Feeds raw bytes; returns the events completed by them. */
  push(chunk: Uint8Array): SseEvent[];
  /** True when bytes of an unfinished event are buffered (the stream ended mid-event). */
  pending(): boolean;
}

/** Refuses absurd lines so a misbehaving server cannot make us buffer without bound. */
const MAX_LINE = 1 << 20;

/** Creates a parser for one response. */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let data: string[] = [];
  let eventName: string | undefined;

  function line(text: string, out: SseEvent[]): void {
    if (text === '') {
      if (data.length > 0) out.push({ data: data.join('\n'), ...(eventName ? { event: eventName } : {}) });
      data = [];
      eventName = undefined;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    // id / retry / unknown fields are ignored, as the SSE specification says.
  }

  return {
    push(chunk) {
      buffer += decoder.decode(chunk, { stream: true });
      const out: SseEvent[] = [];
      let start = 0;
      for (;;) {
        const newline = buffer.indexOf('\n', start);
        if (newline < 0) break;
        const end = newline > start && buffer[newline - 1] === '\r' ? newline - 1 : newline;
        line(buffer.slice(start, end), out);
        start = newline + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_LINE) throw new Error('an event line exceeded 1 MiB');
      return out;
    },
    pending: () => buffer.length > 0 || data.length > 0,
  };
}
