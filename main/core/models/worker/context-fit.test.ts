import { describe, expect, it } from 'vitest';
import { fitMessages } from './context-fit';
import type { ChatMessage } from './worker-protocol';

// One "token" per character plus 4 per message of template overhead.
const count = (messages: ChatMessage[]): number => messages.reduce((n, m) => n + 4 + m.content.length, 0);

describe('fitMessages', () => {
  const system: ChatMessage = { role: 'system', content: 'Be brief.' };

  it('leaves a conversation that fits alone', () => {
    const messages: ChatMessage[] = [system, { role: 'user', content: 'hi' }];
    expect(fitMessages(messages, 100, count)).toEqual({
      messages,
      droppedMessages: 0,
      shortenedMessages: 0,
      fits: true,
    });
  });

  it('drops the oldest turns first, keeping the system message and the last message', () => {
    const messages: ChatMessage[] = [
      system,
      { role: 'user', content: 'a'.repeat(40) },
      { role: 'assistant', content: 'b'.repeat(40) },
      { role: 'user', content: 'question?' },
    ];
    const fit = fitMessages(messages, 70, count);
    expect(fit.fits).toBe(true);
    expect(fit.droppedMessages).toBe(1);
    expect(fit.messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user']);
    expect(count(fit.messages)).toBeLessThanOrEqual(70);
  });

  it('shortens a huge last message in the middle, keeping its start and end', () => {
    const long = `START ${'x'.repeat(5_000)} END?`;
    const fit = fitMessages([system, { role: 'user', content: long }], 200, count);
    expect(fit.fits).toBe(true);
    expect(fit.shortenedMessages).toBe(1);
    const content = fit.messages[1]!.content;
    expect(content.startsWith('START')).toBe(true);
    expect(content.endsWith('END?')).toBe(true);
    expect(content).toContain('[…]');
    expect(count(fit.messages)).toBeLessThanOrEqual(200);
    expect(count(fit.messages)).toBeGreaterThan(190); // cut as little as possible
  });

  it('reports when even empty messages cannot fit', () => {
    const fit = fitMessages([system, { role: 'user', content: 'hello' }], 5, count);
    expect(fit.fits).toBe(false);
  });
});
