import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('SSE parser', () => {
  it('parses data lines, multi-line data, comments and CRLF, across arbitrary chunk splits', () => {
    const stream =
      ': keep-alive\r\ndata: {"a":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n';
    for (let split = 1; split < stream.length; split += 7) {
      const parser = createSseParser();
      const events = [
        ...parser.push(bytes(stream.slice(0, split))),
        ...parser.push(bytes(stream.slice(split))),
      ];
      expect(events).toEqual([{ data: '{"a":1}' }, { event: 'x', data: 'line1\nline2' }, { data: '[DONE]' }]);
      expect(parser.pending()).toBe(false);
    }
  });

  it('decodes a UTF-8 character split between chunks', () => {
    const parser = createSseParser();
    const all = bytes('data: 星环\n\n');
    const events = [...parser.push(all.slice(0, 8)), ...parser.push(all.slice(8))];
    expect(events).toEqual([{ data: '星环' }]);
  });

  it('reports an unfinished event', () => {
    const parser = createSseParser();
    parser.push(bytes('data: {"partial"'));
    expect(parser.pending()).toBe(true);
  });
});
