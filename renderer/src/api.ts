/**
 * The renderer's only way out: a client typed by the contract over `window.starring`, so call
 * sites read `api.documents.list({})`, plus `openStream` for subscriptions.
 */
import type { EventOf, RequestOf, StarringBridge, StreamMessage, StreamName } from '../../common/contract';
import { createClient } from '../../common/contract/client';
import { AppError, type AppErrorData } from '../../common/errors';

const missingBridgeError: AppErrorData = {
  code: 'INTERNAL',
  message:
    "This page was opened without StarRing's bridge (window.starring), so it cannot reach the app's core.",
};

/** Stands in when the page is opened without a preload, so every call fails in words instead of crashing. */
function missingBridge(): StarringBridge {
  return {
    invoke: (() => Promise.resolve({ ok: false, error: missingBridgeError })) as StarringBridge['invoke'],
    subscribe: () => Promise.resolve({ ok: false, error: missingBridgeError }),
    cancel: () => Promise.resolve(),
  };
}

const bridge: StarringBridge = 'starring' in window ? window.starring : missingBridge();

export const api = createClient(bridge);

export interface StreamHandlers<E> {
  onEvent(event: E): void;
  /** The producer finished on its own (not called after `cancel`). */
  onEnd?(): void;
  /** The subscription was refused or failed midway. */
  onError(error: AppError): void;
}

/**
 * Opens a subscription and returns its cancel function, which is safe to call at any time — even
 * before the core has acknowledged the subscription (React unmounts don't wait). After cancel no
 * handler is called again.
 */
export function openStream<K extends StreamName>(
  name: K,
  request: RequestOf<K>,
  handlers: StreamHandlers<EventOf<K>>,
): () => void {
  let cancelled = false;
  let id: string | null = null;

  const listener = (message: StreamMessage<EventOf<K>>): void => {
    if (cancelled) return;
    switch (message.type) {
      case 'event':
        handlers.onEvent(message.event);
        break;
      case 'end':
        handlers.onEnd?.();
        break;
      case 'error':
        handlers.onError(fromData(message.error));
        break;
    }
  };

  bridge.subscribe(name, request, listener).then(
    (result) => {
      if (!result.ok) {
        if (!cancelled) handlers.onError(fromData(result.error));
        return;
      }
      id = result.value.id;
      if (cancelled) void bridge.cancel(id);
    },
    (error: unknown) => {
      if (!cancelled) handlers.onError(toAppError(error));
    },
  );

  return () => {
    if (cancelled) return;
    cancelled = true;
    if (id !== null) void bridge.cancel(id);
  };
}

function fromData(data: AppErrorData): AppError {
  return new AppError(data.code, data.message, {
    ...(data.field !== undefined && { field: data.field }),
    ...(data.details !== undefined && { details: data.details }),
  });
}

/** Anything caught becomes an AppError; what is not one already is a bug, reported as INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message || 'An unexpected error occurred in the window.');
}
