/**
 * The Electron twin of main/harness/harness-server.ts: carries the wire envelope between the
 * preload's `window.starring` and the core router over ipcMain.
 *
 * Written against the few members of Electron's objects it uses (types only), so the whole gate
 * is unit-tested in plain Node with fakes (ipc-adapter.test.ts); main.ts passes the real ipcMain
 * and each window's webContents, and the type checker holds the two shapes together.
 */
import { randomUUID } from 'node:crypto';
import {
  ClientMessage,
  ipcChannels,
  MAX_MESSAGE_BYTES,
  type ServerMessage,
} from '../../common/contract/wire';
import { fail, ok, type AppErrorData, type Result } from '../../common/errors';
import type { StreamMessage } from '../../common/contract';
import type { CallContext } from '../core/router/call-context';
import type { Router } from '../core/router/router';
import { isAppUrl } from './app-protocol';
import { measurePayload } from './ipc-payload';

/** The part of a WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly frameToken: string;
}

/** The part of a WebContents the adapter uses: identity, its main frame, a send, lifecycle events. */
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
}

/** The part of IpcMainInvokeEvent the adapter reads. */
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

/** The part of ipcMain the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcAdapterDeps {
  ipcMain: IpcMainLike;
  router: Router;
  /** The local user until identity arrives. */
  actor?: string;
  /** Where refused messages are reported (never to the renderer beyond an error code). */
  warn?: (message: string) => void;
  /** Where unexpected failures go with their stack; the renderer gets only the reference. */
  logError?: (ref: string, error: unknown) => void;
}

export interface IpcAdapter {
  /**
   * Marks a window we created as allowed to talk to the core. Its subscriptions end when it is
   * destroyed, its renderer crashes or its page is replaced (reload).
   */
  trust(contents: WebContentsLike): void;
  /** Removes the ipcMain handlers and ends every window's subscriptions. */
  dispose(): void;
}

type Kind = ClientMessage['t'];
const channelKinds: ReadonlyArray<readonly [string, Kind]> = [
  [ipcChannels.invoke, 'invoke'],
  [ipcChannels.subscribe, 'subscribe'],
  [ipcChannels.cancel, 'cancel'],
];

export function createIpcAdapter(deps: IpcAdapterDeps): IpcAdapter {
  const trusted = new Map<number, { contents: WebContentsLike; context: CallContext }>();
  const warn = deps.warn ?? ((message: string) => console.warn(`[ipc] ${message}`));
  const logError = deps.logError ?? ((ref: string, error: unknown) => console.error(`[ipc] ${ref}`, error));
  const refused = (error: AppErrorData): Result<never> => fail(error);

  /**
   * Only the top frame of a window we created, showing our own app:// page, may call. Subframe
   * IPC was a CVE class in Electron (a framed page reaching the preload's channels); a window we
   * did not create (devtools, a stray webContents) and a page navigated elsewhere are refused too.
   */
  function senderContext(event: InvokeEventLike): CallContext | null {
    const entry = trusted.get(event.sender.id);
    if (!entry || entry.contents !== event.sender || event.sender.isDestroyed()) return null;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return null;
    const main = event.sender.mainFrame;
    const isMainFrame =
      frame === main || (frame.processId === main.processId && frame.frameToken === main.frameToken);
    if (!isMainFrame || !isAppUrl(frame.url)) return null;
    return entry.context;
  }

  function deliver(contents: WebContentsLike, sub: string, message: StreamMessage<unknown>): void {
    if (contents.isDestroyed()) return;
    const envelope: ServerMessage = { t: 'stream', sub, message };
    contents.send(ipcChannels.streamMessage, envelope);
  }

  async function handle(kind: Kind, event: InvokeEventLike, args: unknown[]): Promise<Result<unknown>> {
    const context = senderContext(event);
    if (!context) {
      warn(`refused ${kind} from an untrusted sender (${describeSender(event)})`);
      return refused({ code: 'UNTRUSTED_SENDER', message: 'This window may not talk to the app.' });
    }
    if (args.length !== 1) {
      return refused({ code: 'INVALID_ARGUMENT', message: 'Malformed bridge message.' });
    }
    const size = measurePayload(args[0], MAX_MESSAGE_BYTES);
    if (!size.ok && size.reason === 'too-large') {
      warn(`refused a ${kind} message larger than ${MAX_MESSAGE_BYTES} bytes`);
      return refused({
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request is larger than the ${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB a call may carry.`,
      });
    }
    const parsed = size.ok ? ClientMessage.safeParse(args[0]) : null;
    if (!parsed?.success || parsed.data.t !== kind) {
      warn(`refused a malformed ${kind} message`);
      return refused({ code: 'INVALID_ARGUMENT', message: 'Malformed bridge message.' });
    }
    const message = parsed.data;
    const { router } = deps;
    switch (message.t) {
      case 'invoke':
        return router.invoke(context, message.channel, message.request);
      case 'subscribe': {
        // Messages emitted before the id is known wait here, as in the harness; the preload's
        // client also parks messages that overtake the reply.
        let subId = '';
        const early: StreamMessage<unknown>[] = [];
        const contents = event.sender;
        const result = await router.subscribe(context, message.stream, message.request, (streamMessage) => {
          if (subId) deliver(contents, subId, streamMessage);
          else early.push(streamMessage);
        });
        if (result.ok) {
          subId = result.value.id;
          for (const queued of early.splice(0)) deliver(contents, subId, queued);
        }
        return result;
      }
      case 'cancel':
        router.cancel(context, message.subscription);
        return ok(null);
    }
  }

  for (const [channel, kind] of channelKinds) {
    deps.ipcMain.handle(channel, async (event, ...args) => {
      try {
        return await handle(kind, event, args);
      } catch (error) {
        // Never let a rejection reach the renderer: Electron would forward its message text.
        const ref = randomUUID().slice(0, 8);
        logError(ref, error);
        return fail({ code: 'INTERNAL', message: `Something went wrong inside the app (reference ${ref}).` });
      }
    });
  }

  return {
    trust(contents) {
      if (trusted.has(contents.id)) return;
      const origin = `electron-window-${contents.id}`;
      trusted.set(contents.id, {
        contents,
        context: { transport: 'electron', actor: deps.actor ?? 'local-user', origin },
      });
      const closeSubscriptions = (): void => deps.router.closeOrigin(origin);
      // A reload or crash leaves the old page's subscriptions without a listener: end them.
      contents.on('did-navigate', closeSubscriptions);
      contents.on('render-process-gone', closeSubscriptions);
      contents.once('destroyed', () => {
        trusted.delete(contents.id);
        closeSubscriptions();
      });
    },
    dispose() {
      for (const [channel] of channelKinds) deps.ipcMain.removeHandler(channel);
      for (const { context } of trusted.values()) deps.router.closeOrigin(context.origin);
      trusted.clear();
    },
  };
}

function describeSender(event: InvokeEventLike): string {
  const frame = event.senderFrame;
  const where = frame ? `${frame.parent ? 'subframe' : 'top frame'} ${frame.url.slice(0, 80)}` : 'gone frame';
  return `webContents ${event.sender.id}, ${where}`;
}
