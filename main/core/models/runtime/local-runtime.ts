/**
 * The local inference runtime: verified packs, run by transformers.js in a worker, one job at a
 * time by priority, models kept resident within a memory budget. Every result carries the audit
 * detail. Cancel releases the caller at once; the worker gets a short grace to stop at its next
 * token (keeping models warm) and is terminated if it does not, to be respawned on next use.
 */
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../../../../common/errors';
import type { ModelTask } from '../../../../common/models/pack-manifest';
import type { VerifiedPack, VerifyProgress } from '../packs/pack-verifier';
import type {
  ClassifyResult,
  EmbedResult,
  GenerateParams,
  GenerateResult,
  LoadResult,
  PipelineTask,
  TokenEntity,
  WorkerEvent,
  WorkerStats,
} from '../worker/worker-protocol';
import { promptHash, type InferenceAudit } from './inference-audit';
import { createJobQueue, type Priority } from './job-queue';
import { createModelResidency, estimateResidentBytes, type ResidentModel } from './model-residency';
import { createWorkerHost, nodeWorkerLauncher, type WorkerLauncher } from './worker-host';

/** What a running request reports: queue position, verification and load progress, tokens, notices. */
export type RuntimeEvent =
  | { type: 'queued'; ahead: number }
  | { type: 'verify-progress'; done: number; total: number; file: string }
  | { type: 'loaded'; modelId: string; loadMs: number }
  | WorkerEvent;

/** Per-request options: cancel, priority, progress events. */
export interface RunOptions {
  signal?: AbortSignal;
  priority?: Priority;
  onEvent?: (event: RuntimeEvent) => void;
}

/** How the runtime is built: the verifier (policy lives there), the worker launcher, memory limits. */
export interface LocalRuntimeOptions {
  /** Verifies a pack folder (manifest, allowlist, hashes) right before it is loaded. */
  verify: (
    dir: string,
    options: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void },
  ) => Promise<VerifiedPack>;
  launcher?: WorkerLauncher;
  /** Memory set aside for resident models (default 40% of RAM, at least 1 GB). */
  budgetBytes?: number;
  /** Models at least this big count as "large": one resident at a time (default 256 MB). */
  largeModelBytes?: number;
  /** How long a cancelled job may take to stop before the worker is terminated (default 200 ms). */
  interruptGraceMs?: number;
}

/** A finished generation: the text, why it stopped, speed, and the audit detail. */
export interface ChatOutcome {
  text: string;
  finish: GenerateResult['finish'];
  truncated: boolean;
  ttftMs: number;
  tokensPerSecond: number;
  audit: InferenceAudit;
}

/** Embeddings, one Float32Array per input text, with the audit detail. */
export interface EmbedOutcome {
  dims: number;
  vectors: Float32Array[];
  truncatedTexts: number;
  audit: InferenceAudit;
}

/** Entities found by a token-classification pack, with the audit detail. */
export interface ClassifyOutcome {
  entities: TokenEntity[];
  truncated: boolean;
  audit: InferenceAudit;
}

/** What is loaded and waiting, for the Settings view and the benchmarks. */
export interface RuntimeStats {
  worker: WorkerStats | null;
  resident: ResidentModel[];
  residentBytes: number;
  waiting: number;
}

/** The local inference runtime; every method verifies the pack before it is loaded. */
export interface LocalRuntime {
  chat(packDir: string, params: GenerateParams, options?: RunOptions): Promise<ChatOutcome>;
  embed(
    packDir: string,
    texts: string[],
    options?: RunOptions & { normalize?: boolean; batchSize?: number },
  ): Promise<EmbedOutcome>;
  classifyTokens(packDir: string, text: string, options?: RunOptions): Promise<ClassifyOutcome>;
  /** Verifies and loads a pack without running it (warm-up, "test this pack"). */
  preload(
    packDir: string,
    task: PipelineTask,
    options?: RunOptions,
  ): Promise<ResidentModel & { modelId: string }>;
  stats(): Promise<RuntimeStats>;
  close(): Promise<void>;
}

const TASKS_FOR: Record<PipelineTask, ModelTask[]> = {
  'text-generation': ['chat', 'text-generation'],
  'feature-extraction': ['feature-extraction'],
  'token-classification': ['token-classification'],
};

const cancelled = (): AppError => new AppError('CANCELLED', 'The request was cancelled.');

/** Rejects as soon as `signal` aborts, so the caller is released without waiting for the worker. */
function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined); // the queue rejects it too; that rejection is expected
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Creates the runtime; the worker starts lazily on the first request. */
export function createLocalRuntime(options: LocalRuntimeOptions): LocalRuntime {
  const budgetBytes = options.budgetBytes ?? Math.max(2 ** 30, Math.floor(totalmem() * 0.4));
  const host = createWorkerHost(options.launcher ?? nodeWorkerLauncher());
  const queue = createJobQueue();
  const residency = createModelResidency({
    budgetBytes,
    largeModelBytes: options.largeModelBytes ?? 256 * 2 ** 20,
  });
  const modelIds = new Map<string, string>();
  const graceMs = options.interruptGraceMs ?? 200;
  let closed = false;
  host.onReset(() => residency.clear());

  /** Sends a request; on abort asks the worker to stop, then terminates it after the grace. */
  async function call<T>(
    message: Parameters<typeof host.request>[0],
    signal: AbortSignal | undefined,
    onEvent?: (e: WorkerEvent) => void,
  ): Promise<T> {
    const { id, result } = host.request<T>(message, onEvent);
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      host.interrupt(id);
      timer = setTimeout(() => void host.terminate(cancelled()), graceMs);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await result;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Makes the pack resident for `task` (verify → evict → load) and returns its residency entry. */
  async function ensureLoaded(
    packDir: string,
    task: PipelineTask,
    run: RunOptions,
  ): Promise<ResidentModel & { modelId: string }> {
    const dir = resolve(packDir);
    const key = `${task}:${dir}`;
    const emit = (event: RuntimeEvent): void => {
      if (!run.signal?.aborted) run.onEvent?.(event);
    };
    const resident = residency.get(key);
    if (resident) {
      residency.touch(key);
      return { ...resident, modelId: modelIds.get(key) ?? '' };
    }
    const verified = await options.verify(dir, {
      ...(run.signal ? { signal: run.signal } : {}),
      onProgress: (p) => emit({ type: 'verify-progress', ...p }),
    });
    const { manifest } = verified;
    if (!manifest.tasks.some((t) => TASKS_FOR[task].includes(t))) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The model "${manifest.id}" cannot do ${task} (it does: ${manifest.tasks.join(', ')}).`,
      );
    }
    const bytes = estimateResidentBytes(manifest);
    for (const evict of residency.planAdmission(key, bytes)) {
      await call({ type: 'unload', key: evict }, undefined);
      residency.remove(evict);
    }
    const runtime = manifest.runtime;
    const loaded = await call<LoadResult>(
      {
        type: 'load',
        spec: {
          key,
          dir,
          task,
          dtype: runtime?.dtype ?? 'fp32',
          useExternalDataFormat: runtime?.useExternalDataFormat ?? false,
          ...(runtime?.contextWindow ? { contextWindow: runtime.contextWindow } : {}),
        },
      },
      run.signal,
      emit,
    );
    const entry: ResidentModel = {
      key,
      bytes,
      packHash: verified.packHash,
      contextWindow: loaded.contextWindow,
    };
    residency.add(entry);
    modelIds.set(key, manifest.id);
    emit({ type: 'loaded', modelId: manifest.id, loadMs: loaded.loadMs });
    return { ...entry, modelId: manifest.id };
  }

  /** Queues a job that loads the pack and then runs `work`; the caller is released on abort. */
  function job<T>(
    packDir: string,
    task: PipelineTask,
    run: RunOptions,
    work: (model: ResidentModel & { modelId: string }) => Promise<T>,
  ): Promise<T> {
    if (closed)
      return Promise.reject(new AppError('MODEL_UNAVAILABLE', 'The model runtime has been shut down.'));
    const queued = queue.enqueue(
      run.priority ?? 'interactive',
      async () => {
        if (run.signal?.aborted) throw cancelled();
        return work(await ensureLoaded(packDir, task, run));
      },
      {
        ...(run.signal ? { signal: run.signal } : {}),
        onQueued: (ahead) => run.onEvent?.({ type: 'queued', ahead }),
      },
    );
    return abortable(queued, run.signal);
  }

  const audit = (
    model: ResidentModel & { modelId: string },
    prompt: unknown,
    tokensIn: number,
    tokensOut: number,
    started: number,
  ): InferenceAudit => ({
    modelId: model.modelId,
    packHash: model.packHash,
    provider: 'local',
    tokensIn,
    tokensOut,
    latencyMs: Math.round(performance.now() - started),
    promptHash: promptHash(prompt),
  });

  return {
    chat(packDir, params, run = {}) {
      const started = performance.now();
      return job(packDir, 'text-generation', run, async (model) => {
        const onEvent = (event: WorkerEvent): void => {
          if (!run.signal?.aborted) run.onEvent?.(event);
        };
        const result = await call<GenerateResult>(
          { type: 'generate', key: model.key, params },
          run.signal,
          onEvent,
        );
        const decodeMs = result.generationMs - result.ttftMs;
        return {
          text: result.text,
          finish: result.finish,
          truncated: result.truncated,
          ttftMs: result.ttftMs,
          tokensPerSecond:
            result.tokensOut > 1 && decodeMs > 0 ? ((result.tokensOut - 1) * 1000) / decodeMs : 0,
          audit: audit(model, params.messages, result.tokensIn, result.tokensOut, started),
        };
      });
    },

    embed(packDir, texts, run = {}) {
      const started = performance.now();
      return job(packDir, 'feature-extraction', run, async (model) => {
        const vectors: Float32Array[] = [];
        const result = await call<EmbedResult>(
          {
            type: 'embed',
            key: model.key,
            texts,
            normalize: run.normalize ?? true,
            batchSize: run.batchSize ?? 32,
          },
          run.signal,
          (event) => {
            if (event.type === 'vectors') {
              for (let i = 0; i < event.count; i += 1) {
                vectors[event.offset + i] = event.vectors.subarray(i * event.dims, (i + 1) * event.dims);
              }
            }
            if (!run.signal?.aborted) run.onEvent?.(event);
          },
        );
        return {
          dims: result.dims,
          vectors,
          truncatedTexts: result.truncatedTexts,
          audit: audit(model, texts, result.tokensIn, 0, started),
        };
      });
    },

    classifyTokens(packDir, text, run = {}) {
      const started = performance.now();
      return job(packDir, 'token-classification', run, async (model) => {
        const result = await call<ClassifyResult>({ type: 'classify', key: model.key, text }, run.signal);
        return {
          entities: result.entities,
          truncated: result.truncated,
          audit: audit(model, text, result.tokensIn, 0, started),
        };
      });
    },

    preload(packDir, task, run = {}) {
      return job(packDir, task, run, async (model) => model);
    },

    async stats() {
      const worker = host.running() ? await host.request<WorkerStats>({ type: 'stats' }).result : null;
      return {
        worker,
        resident: residency.list(),
        residentBytes: residency.usedBytes(),
        waiting: queue.waiting(),
      };
    },

    async close() {
      closed = true;
      await host.terminate(new AppError('CANCELLED', 'The model runtime is shutting down.'));
    },
  };
}
