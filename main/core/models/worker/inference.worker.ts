/**
 * Entry of the inference worker (Node worker_thread now, Electron utilityProcess later: see
 * worker-port.ts). Order matters: the network guard goes in before transformers.js is imported.
 * One job runs at a time (the host queues them); `abort` and `stats` are answered in between,
 * which works because ONNX Runtime's run() is asynchronous and yields between tokens.
 */
import { AppError, type AppErrorData } from '../../../../common/errors';
import { createInferenceEngine, configureLocalOnly, type Stopper } from './inference-engine';
import { modelFailure } from './model-errors';
import { blockedNetworkAttempts, installNetworkGuard } from './network-guard';
import { loadTransformers } from './transformers-types';
import { connectWorkerPort } from './worker-port';
import type { HostMessage, WorkerEvent, WorkerStats } from './worker-protocol';

installNetworkGuard();
const port = connectWorkerPort();
const tf = await loadTransformers();
configureLocalOnly(tf);
const threads = Number(process.env.STARRING_MODEL_THREADS) || undefined;
const engine = createInferenceEngine(tf, threads ? { threads } : {});
const stoppers = new Map<number, Stopper>();
const packDirs = new Map<string, string>();

function toError(error: unknown, stage: 'load' | 'run', key?: string): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return modelFailure(stage, error, key ? packDirs.get(key) : undefined);
}

async function handle(message: HostMessage): Promise<void> {
  const { id } = message;
  const emit = (event: WorkerEvent): void =>
    port.post(
      { type: 'event', id, event },
      event.type === 'vectors' ? [event.vectors.buffer as ArrayBuffer] : undefined,
    );
  switch (message.type) {
    case 'abort':
      stoppers.get(id)?.interrupt();
      return;
    case 'stats': {
      const memory = process.memoryUsage();
      const value: WorkerStats = {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        blockedNetworkAttempts: blockedNetworkAttempts(),
        loaded: engine.loadedKeys(),
      };
      port.post({ type: 'result', id, value });
      return;
    }
    case 'load':
      packDirs.set(message.spec.key, message.spec.dir);
      try {
        port.post({ type: 'result', id, value: await engine.load(message.spec, emit) });
      } catch (error) {
        port.post({ type: 'error', id, error: toError(error, 'load', message.spec.key) });
      }
      return;
    case 'unload':
      await engine.unload(message.key);
      packDirs.delete(message.key);
      port.post({ type: 'result', id, value: null });
      return;
    case 'generate': {
      const stopper: Stopper = { interrupt: () => undefined };
      stoppers.set(id, stopper);
      try {
        port.post({
          type: 'result',
          id,
          value: await engine.generate(message.key, message.params, emit, stopper),
        });
      } catch (error) {
        port.post({ type: 'error', id, error: toError(error, 'run', message.key) });
      } finally {
        stoppers.delete(id);
      }
      return;
    }
    case 'embed': {
      const stopper: Stopper = { interrupt: () => undefined };
      stoppers.set(id, stopper);
      try {
        const value = await engine.embed(
          message.key,
          message.texts,
          message.normalize,
          message.batchSize,
          emit,
          stopper,
        );
        port.post({ type: 'result', id, value });
      } catch (error) {
        port.post({ type: 'error', id, error: toError(error, 'run', message.key) });
      } finally {
        stoppers.delete(id);
      }
      return;
    }
    case 'classify':
      try {
        port.post({ type: 'result', id, value: await engine.classify(message.key, message.text) });
      } catch (error) {
        port.post({ type: 'error', id, error: toError(error, 'run', message.key) });
      }
      return;
  }
}

port.onMessage((message) => {
  void handle(message);
});
port.post({ type: 'ready' });
