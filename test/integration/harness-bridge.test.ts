import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES } from '../../common/contract/wire';
import { createCore, type Core } from '../../main/core/core';
import { startHarness, type Harness } from '../../main/harness/harness-server';

let dir: string;
let core: Core;
let harness: Harness;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-harness-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  await writeFile(join(dir, 'preload.js'), '/* shim */');
  core = await createCore({
    dataDir: join(dir, 'data'),
    transport: 'browser-harness',
    version: '0.0.0-test',
  });
  harness = await startHarness({ core, rendererDir, preloadScript: join(dir, 'preload.js'), port: 0 });
});

afterEach(async () => {
  await harness.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

interface Inbox {
  next(): Promise<Record<string, unknown>>;
}

/** Connects and starts collecting messages at once: the server greets before `open` resolves. */
function open(
  query: string,
  origin = `http://127.0.0.1:${harness.port}`,
): Promise<WebSocket & { inbox: Inbox }> {
  return new Promise((resolve, reject) => {
    const ws = Object.assign(new WebSocket(`ws://127.0.0.1:${harness.port}/bridge?${query}`, { origin }), {
      inbox: undefined as unknown as Inbox,
    });
    ws.inbox = messages(ws);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function messages(ws: WebSocket): Inbox {
  const queue: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    next: () => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

const token = () => new URL(harness.url).searchParams.get('token') ?? '';

describe('browser harness bridge', () => {
  it('serves the renderer with a strict CSP and injects the bridge script', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.port}/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await response.text()).toContain('<script src="/harness-preload.js"></script>');
  });

  it('refuses a path outside the renderer folder', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.port}/..%2Fpreload.js`);
    expect(response.status).toBe(404);
  });

  it('carries a contract call through the real router, and a stream with its events', async () => {
    const ws = await open(`token=${token()}`);
    const inbox = ws.inbox;
    expect((await inbox.next()).t).toBe('hello');
    ws.send(JSON.stringify({ t: 'invoke', id: '1', channel: 'app.info', request: {} }));
    expect(await inbox.next()).toMatchObject({
      t: 'reply',
      id: '1',
      result: { ok: true, value: { name: 'StarRing Workspace', transport: 'browser-harness', locale: 'en' } },
    });
    ws.send(JSON.stringify({ t: 'subscribe', id: '2', stream: 'app.watchStatus', request: {} }));
    const reply = await inbox.next();
    expect(reply).toMatchObject({ t: 'reply', id: '2', result: { ok: true } });
    expect(await inbox.next()).toMatchObject({
      t: 'stream',
      message: { type: 'event', event: { vault: 'not-set-up' } },
    });
    core.status.update({ sync: 'idle' });
    expect(await inbox.next()).toMatchObject({ t: 'stream', message: { event: { sync: 'idle' } } });
    ws.close();
  });

  it('spends the one-time token: a second connection with it is refused, the resume secret works', async () => {
    const first = await open(`token=${token()}`);
    const hello = await first.inbox.next();
    await expect(open(`token=${token()}`)).rejects.toThrow(/403/);
    const again = await open(`resume=${String(hello.resume)}`);
    again.close();
    first.close();
  });

  it('refuses a connection without a token, from another origin, or with a wrong token', async () => {
    await expect(open('')).rejects.toThrow(/403/);
    await expect(open('token=wrong')).rejects.toThrow(/403/);
    await expect(open(`token=${token()}`, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('closes the socket on malformed or oversized messages, and validates payloads by field', async () => {
    const ws = await open(`token=${token()}`);
    const inbox = ws.inbox;
    await inbox.next();
    ws.send(JSON.stringify({ t: 'invoke', id: '1', channel: 'documents.list', request: { limit: 'all' } }));
    expect(await inbox.next()).toMatchObject({
      result: { ok: false, error: { code: 'INVALID_ARGUMENT', field: 'limit' } },
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('refuses a message over the size limit', async () => {
    const ws = await open(`token=${token()}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(
      JSON.stringify({
        t: 'invoke',
        id: '1',
        channel: 'app.info',
        request: { x: 'a'.repeat(MAX_MESSAGE_BYTES) },
      }),
    );
    expect(await closed).toBe(1009);
  });
});
