/**
 * The main-process side of the inference worker: starts it lazily, matches replies to requests,
 * and survives it dying. `terminate` is the hard stop behind "cancel frees the worker at once";
 * the next request simply starts a fresh worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../common/errors';
import type { HostMessage, WorkerEvent, WorkerMessage } from '../worker/worker-protocol';

/** One running worker, whatever hosts it (worker_thread here, utilityProcess in the shell). */
export interface WorkerHandle {
  post(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** Called once when the worker is gone, for whatever reason. */
  onExit(listener: (reason: string) => void): void;
  terminate(): Promise<void>;
}

/** Starts a worker; injected so the Electron shell can host it in a utilityProcess instead. */
export type WorkerLauncher = () => WorkerHandle;

/** The worker entry: compiled JavaScript when present (packaged app), else the tsx bootstrap. */
export function defaultWorkerEntry(): URL {
  const compiled = new URL('../worker/inference.worker.js', import.meta.url);
  if (compiled.protocol === 'file:' && existsSync(fileURLToPath(compiled))) return compiled;
  return new URL('../worker/inference-worker.bootstrap.mjs', import.meta.url);
}

/** Starts the inference worker as a Node worker_thread. */
export function nodeWorkerLauncher(options: { entry?: URL; threads?: number } = {}): WorkerLauncher {
  return () => {
    const env = {
      ...process.env,
      ...(options.threads ? { STARRING_MODEL_THREADS: String(options.threads) } : {}),
    };
    const worker = new Worker(options.entry ?? defaultWorkerEntry(), { env });
    let exitListener: ((reason: string) => void) | undefined;
    let exited = false;
    const exit = (reason: string): void => {
      if (exited) return;
      exited = true;
      exitListener?.(reason);
    };
    worker.on('error', (error) => exit(`crashed: ${error.message.split('\n')[0]}`));
    worker.on('exit', (code) => exit(`exited with code ${code}`));
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => (exitListener = listener),
      terminate: async () => {
        exited = true;
        await worker.terminate();
      },
    };
  };
}

type Outgoing = HostMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onEvent?: (event: WorkerEvent) => void;
}

/** Request/response over the worker channel, surviving the worker dying. */
export interface WorkerHost {
  /** Sends a request; resolves with the worker's result, rejects with an AppError. */
  request<T>(message: Outgoing, onEvent?: (event: WorkerEvent) => void): { id: number; result: Promise<T> };
  /** Asks the running job `id` to stop at its next token (no reply). */
  interrupt(id: number): void;
  /** Kills the worker now; pending requests reject with `error`. */
  terminate(error: AppError): Promise<void>;
  /** Called whenever the worker is gone (killed or crashed): resident models are gone with it. */
  onReset(listener: () => void): void;
  running(): boolean;
}

/** Creates the host; nothing starts until the first request. */
export function createWorkerHost(launch: WorkerLauncher): WorkerHost {
  let handle: WorkerHandle | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const resetListeners: (() => void)[] = [];

  function failAll(error: AppError): void {
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.reject(error);
    }
  }

  function gone(error: AppError): void {
    handle = undefined;
    failAll(error);
    for (const listener of resetListeners) listener();
  }

  function ensure(): WorkerHandle {
    if (handle) return handle;
    const started = launch();
    handle = started;
    started.onMessage((message) => {
      if (message.type === 'ready') return;
      const entry = pending.get(message.id);
      if (!entry) return; // a reply to a request that was already given up on
      if (message.type === 'event') entry.onEvent?.(message.event);
      else if (message.type === 'result') {
        pending.delete(message.id);
        entry.resolve(message.value);
      } else {
        pending.delete(message.id);
        const { code, message: text, ...extra } = message.error;
        entry.reject(new AppError(code, text, extra));
      }
    });
    started.onExit((reason) => {
      if (handle !== started) return;
      gone(
        new AppError(
          'MODEL_UNAVAILABLE',
          `The local model process stopped unexpectedly (${reason}); it restarts on the next request.`,
          { details: { reason: 'worker-exit' } },
        ),
      );
    });
    return started;
  }

  return {
    request<T>(message: Outgoing, onEvent?: (event: WorkerEvent) => void) {
      const id = nextId++;
      const result = new Promise<T>((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (value: unknown) => void,
          reject,
          ...(onEvent ? { onEvent } : {}),
        });
      });
      ensure().post({ ...message, id } as HostMessage);
      return { id, result };
    },
    interrupt(id) {
      handle?.post({ type: 'abort', id });
    },
    async terminate(error) {
      const current = handle;
      if (!current) return;
      gone(error);
      await current.terminate();
    },
    onReset(listener) {
      resetListeners.push(listener);
    },
    running: () => handle !== undefined,
  };
}
