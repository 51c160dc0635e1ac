import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../common/contract';
import { ipcChannels, MAX_MESSAGE_BYTES } from '../../common/contract/wire';
import type { Result } from '../../common/errors';
import { systemClock } from '../core/clock';
import { createMemoryAuditSink } from '../core/router/audit-sink';
import type { ChannelHandlers, StreamHandlers } from '../core/router/handlers';
import { createRouter, type Router } from '../core/router/router';
import {
  createIpcAdapter,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from './ipc-adapter';

// Fakes of the three Electron objects the adapter touches; no Electron anywhere in this test.

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from `frame` would get back. */
  async invoke(channel: string, sender: FakeWebContents, frame: FrameLike | null, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ sender, senderFrame: frame }, ...args)) as Result<unknown>;
  }
}

let nextToken = 0;
function frame(url: string, parent: FrameLike | null = null, processId = 1): FrameLike {
  nextToken += 1;
  return { url, parent, processId, frameToken: `token-${nextToken}` };
}

let nextId = 0;
class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  constructor(url = 'app://starring/index.html') {
    super();
    nextId += 1;
    this.id = nextId;
    this.mainFrame = frame(url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

const appInfo = {
  name: 'StarRing Workspace',
  version: '0.0.0-test',
  transport: 'electron',
  platform: 'test',
  locale: 'en',
} as const;
const status: AppStatus = { network: 'no-server', sync: 'not-configured', vault: 'not-set-up' };

/** The real router with a hand-rolled pair of handlers, so validation and streams are real. */
function realRouter(): Router {
  const channels = { 'app.info': () => appInfo } as unknown as ChannelHandlers;
  const streams = {
    'app.watchStatus': (_request, _context, emit, signal) =>
      new Promise<void>((resolve) => {
        emit(status);
        signal.addEventListener('abort', () => resolve());
      }),
  } as Partial<StreamHandlers> as StreamHandlers;
  return createRouter({
    channels,
    streams,
    authorizer: { name: 'test', authorize: () => ({ decision: 'allow', reason: 'test', policyId: 'test' }) },
    audit: createMemoryAuditSink(systemClock),
  });
}

function setup(router: Router = realRouter()) {
  const ipcMain = new FakeIpcMain();
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const adapter = createIpcAdapter({
    ipcMain,
    router,
    warn: (message) => warnings.push(message),
    logError: (_ref, error) => errors.push(error),
  });
  const window = new FakeWebContents();
  adapter.trust(window);
  return { ipcMain, adapter, window, warnings, errors, router };
}

const invokeInfo = { t: 'invoke', id: '1', channel: 'app.info', request: {} };

describe('ipc adapter', () => {
  it('registers exactly the three envelope channels and removes them on dispose', () => {
    const { ipcMain, adapter } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [ipcChannels.invoke, ipcChannels.subscribe, ipcChannels.cancel].sort(),
    );
    adapter.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('forwards an invoke from our window to the router and returns its reply', async () => {
    const { ipcMain, window } = setup();
    const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, invokeInfo);
    expect(result).toEqual({ ok: true, value: appInfo });
  });

  it('gives the router an electron context with one origin per window', async () => {
    const seen: unknown[] = [];
    const router = { ...realRouter() };
    router.invoke = async (context) => {
      seen.push(context);
      return { ok: true, value: null };
    };
    const { ipcMain, window } = setup(router);
    await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, invokeInfo);
    expect(seen).toEqual([
      { transport: 'electron', actor: 'local-user', origin: `electron-window-${window.id}` },
    ]);
  });

  describe('refuses untrusted senders', () => {
    it('a subframe of our window (the Electron subframe-IPC CVE class)', async () => {
      const { ipcMain, window, warnings } = setup();
      const sub = frame('app://starring/index.html', window.mainFrame);
      const result = await ipcMain.invoke(ipcChannels.invoke, window, sub, invokeInfo);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
      expect(warnings.join('\n')).toContain('subframe');
    });

    it('a window we did not create (devtools, a stray webContents)', async () => {
      const { ipcMain } = setup();
      const stranger = new FakeWebContents();
      const result = await ipcMain.invoke(ipcChannels.invoke, stranger, stranger.mainFrame, invokeInfo);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    });

    it('another webContents reusing a trusted id', async () => {
      const { ipcMain, window } = setup();
      const impostor = Object.assign(new FakeWebContents(), { id: window.id });
      const result = await ipcMain.invoke(ipcChannels.invoke, impostor, impostor.mainFrame, invokeInfo);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    });

    it('our window showing a page that is not our app:// origin', async () => {
      const { ipcMain, adapter } = setup();
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
        const window = new FakeWebContents(url);
        adapter.trust(window);
        const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, invokeInfo);
        expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
      }
    });

    it('a frame that is gone (senderFrame null) or is not the current main frame', async () => {
      const { ipcMain, window } = setup();
      expect(await ipcMain.invoke(ipcChannels.invoke, window, null, invokeInfo)).toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      });
      const stale = frame('app://starring/index.html', null, 99);
      expect(await ipcMain.invoke(ipcChannels.invoke, window, stale, invokeInfo)).toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      });
    });

    it('a window after it was destroyed', async () => {
      const { ipcMain, window } = setup();
      window.destroy();
      const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, invokeInfo);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    });
  });

  it('refuses a message larger than MAX_MESSAGE_BYTES before parsing it', async () => {
    let called = false;
    const router = { ...realRouter() };
    router.invoke = async () => {
      called = true;
      return { ok: true, value: null };
    };
    const { ipcMain, window } = setup(router);
    const big = { ...invokeInfo, request: { text: 'x'.repeat(MAX_MESSAGE_BYTES) } };
    const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, big);
    expect(result).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    // Many small parts add up too.
    const many = { ...invokeInfo, request: { parts: Array.from({ length: 1024 }, () => 'y'.repeat(4096)) } };
    expect(await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, many)).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(called).toBe(false);
  });

  it('refuses malformed envelopes', async () => {
    const { ipcMain, window } = setup();
    const cyclic: Record<string, unknown> = { ...invokeInfo };
    cyclic.request = cyclic;
    const bad: unknown[][] = [
      [undefined],
      ['invoke app.info'],
      [{ t: 'invoke', id: '1', channel: 'app.info', request: {}, extra: true }],
      [{ t: 'invoke', channel: 'app.info', request: {} }], // no id
      [{ t: 'subscribe', id: '1', stream: 'app.watchStatus', request: {} }], // wrong channel for t
      [{ ...invokeInfo, request: new Map() }], // not plain data
      [{ ...invokeInfo, request: new Date() }],
      [cyclic],
      [invokeInfo, 'second argument'],
      [],
    ];
    for (const args of bad) {
      const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, ...args);
      expect(result, JSON.stringify(args.map(String))).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
  });

  it('lets the router validate the request itself (unknown channel, bad request)', async () => {
    const { ipcMain, window } = setup();
    const unknown = { t: 'invoke', id: '2', channel: 'nope.nothing', request: {} };
    expect(await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, unknown)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    const badRequest = { t: 'invoke', id: '3', channel: 'app.info', request: { surprise: 1 } };
    expect(await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, badRequest)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('turns a router that throws into an INTERNAL error with a reference, never a rejection', async () => {
    const router = { ...realRouter() };
    router.invoke = async () => {
      throw new Error('/home/someone/secret/path exploded');
    };
    const { ipcMain, window, errors } = setup(router);
    const result = await ipcMain.invoke(ipcChannels.invoke, window, window.mainFrame, invokeInfo);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(String(errors[0])).toContain('exploded');
  });

  it('delivers stream messages to the subscribing window, tagged with the subscription id', async () => {
    const { ipcMain, window } = setup();
    const result = await ipcMain.invoke(ipcChannels.subscribe, window, window.mainFrame, {
      t: 'subscribe',
      id: '5',
      stream: 'app.watchStatus',
      request: {},
    });
    expect(result.ok).toBe(true);
    const subId = (result as { ok: true; value: { id: string } }).value.id;
    await vi.waitFor(() => expect(window.sent.length).toBeGreaterThan(0));
    expect(window.sent[0]).toEqual({
      channel: ipcChannels.streamMessage,
      args: [{ t: 'stream', sub: subId, message: { type: 'event', event: status } }],
    });
  });

  it('cancels a subscription on request, only for the window that owns it', async () => {
    const { ipcMain, window, adapter, router } = setup();
    const other = new FakeWebContents();
    adapter.trust(other);
    const subscribe = { t: 'subscribe', id: '6', stream: 'app.watchStatus', request: {} };
    const result = await ipcMain.invoke(ipcChannels.subscribe, window, window.mainFrame, subscribe);
    const subId = (result as { ok: true; value: { id: string } }).value.id;
    expect(router.activeSubscriptions()).toBe(1);
    const cancel = { t: 'cancel', id: '7', subscription: subId };
    expect(await ipcMain.invoke(ipcChannels.cancel, other, other.mainFrame, cancel)).toEqual({
      ok: true,
      value: null,
    });
    expect(router.activeSubscriptions()).toBe(1);
    await ipcMain.invoke(ipcChannels.cancel, window, window.mainFrame, cancel);
    expect(router.activeSubscriptions()).toBe(0);
  });

  it.each([
    ['destroyed', (w: FakeWebContents) => w.destroy()],
    ['reloaded', (w: FakeWebContents) => w.emit('did-navigate')],
    ['crashed', (w: FakeWebContents) => w.emit('render-process-gone')],
  ])('closes the subscriptions of a window that is %s', async (_name, end) => {
    const { ipcMain, window, adapter, router } = setup();
    const other = new FakeWebContents();
    adapter.trust(other);
    const subscribe = { t: 'subscribe', id: '8', stream: 'app.watchStatus', request: {} };
    await ipcMain.invoke(ipcChannels.subscribe, window, window.mainFrame, subscribe);
    await ipcMain.invoke(ipcChannels.subscribe, other, other.mainFrame, subscribe);
    expect(router.activeSubscriptions()).toBe(2);
    end(window);
    expect(router.activeSubscriptions()).toBe(1);
    const sentBefore = window.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 10));
    // An ended subscription sends nothing more (no 'end' to a page that is gone).
    expect(window.sent.length).toBe(sentBefore);
  });
});
