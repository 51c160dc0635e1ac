import type { StarringBridge, StreamMessage } from '../common/contract';
import type { ClientMessage } from '../common/contract/wire';
import type { AppErrorData, Result } from '../common/errors';

/**
 * The renderer-side half of a transport: turns `window.starring` calls into envelope messages and
 * routes replies and stream messages back. The Electron preload and the harness shim each supply
 * only `post` and feed incoming messages to `receive`.
 */
export interface BridgeClient {
  bridge: StarringBridge;
  receive(
    message: { t: 'reply'; id: string; result: unknown } | { t: 'stream'; sub: string; message: unknown },
  ): void;
  failAll(error: AppErrorData): void;
}

export function createBridgeClient(post: (message: ClientMessage) => void | Promise<void>): BridgeClient {
  let nextId = 0;
  const pending = new Map<string, (result: Result<unknown>) => void>();
  const listeners = new Map<string, (message: StreamMessage<unknown>) => void>();

  type Outgoing = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

  function call(message: Outgoing): Promise<Result<unknown>> {
    nextId += 1;
    const id = String(nextId);
    return new Promise((resolve) => {
      pending.set(id, resolve);
      Promise.resolve(post({ ...message, id } as ClientMessage)).catch((error: unknown) => {
        pending.delete(id);
        resolve({
          ok: false,
          error: { code: 'INTERNAL', message: `Could not reach the app's core: ${String(error)}` },
        });
      });
    });
  }

  const bridge: StarringBridge = {
    invoke: ((channel: string, request: unknown) =>
      call({ t: 'invoke', channel, request })) as StarringBridge['invoke'],
    async subscribe(stream, request, listener) {
      const result = (await call({ t: 'subscribe', stream, request })) as Result<{ id: string }>;
      if (result.ok) listeners.set(result.value.id, listener as (message: StreamMessage<unknown>) => void);
      // Messages that arrived before the reply were parked under the id; deliver them now.
      const parked = early.get(result.ok ? result.value.id : '');
      if (parked && result.ok) {
        early.delete(result.value.id);
        for (const message of parked) deliver(result.value.id, message);
      }
      return result;
    },
    async cancel(id) {
      listeners.delete(id);
      await call({ t: 'cancel', subscription: id });
    },
  };

  const early = new Map<string, StreamMessage<unknown>[]>();
  function deliver(sub: string, message: StreamMessage<unknown>): void {
    const listener = listeners.get(sub);
    if (!listener) {
      const list = early.get(sub) ?? [];
      list.push(message);
      early.set(sub, list);
      return;
    }
    if (message.type !== 'event') listeners.delete(sub);
    listener(message);
  }

  return {
    bridge,
    receive(message) {
      if (message.t === 'reply') {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result as Result<unknown>);
      } else {
        deliver(message.sub, message.message as StreamMessage<unknown>);
      }
    },
    failAll(error) {
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ok: false, error });
      }
      for (const [sub, listener] of listeners) {
        listeners.delete(sub);
        listener({ type: 'error', error });
      }
    },
  };
}
