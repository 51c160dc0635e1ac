/**
 * The models service the lead wires into the router's handlers: pack listing and verification,
 * the Settings test prompt, the assistant chat stream and embeddings. Methods that run a model also
 * return the inference's audit detail (model id, pack hash, provider, token counts, latency,
 * prompt hash) for the router-level audit entry; replies themselves match the contract exactly.
 */
import type { z } from 'zod';
import type {
  AssistantChatEvent,
  EmbedEvent,
  PackInfo,
  VerifyEvent,
  modelsContract,
} from '../../../../common/contract/models.contract';
import type { ModelSummary } from '../../../../common/contract/workspace.contract';
import { AppError } from '../../../../common/errors';
import type { PackSource } from '../packs/pack-discovery';
import { chooseRoute, type Classification } from '../routing/route-chooser';
import { promptHash, type InferenceAudit } from '../runtime/inference-audit';
import { createLocalRuntime, type LocalRuntime } from '../runtime/local-runtime';
import { runAssistantChat, usableLocalPacks, type ChatRequest, type InferenceRecord } from './assistant-chat';
import { createPackCatalog } from './pack-catalog';
import type { ModelsServiceOptions } from './service-deps';

type Out<K extends keyof typeof modelsContract> = z.output<(typeof modelsContract)[K]['request']>;
type TestPromptReply = z.output<(typeof modelsContract)['models.testPrompt']['reply']>;

/** The models service; each method serves one contract channel or stream. */
export interface ModelsService {
  /** The `models.list` reply (workspace contract). */
  list(): Promise<{ items: ModelSummary[] }>;
  packs(request: Out<'models.packs'>): Promise<{ items: PackInfo[] }>;
  verify(
    request: Out<'models.verify'>,
    emit: (event: VerifyEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
  testPrompt(
    request: Out<'models.testPrompt'>,
    signal?: AbortSignal,
  ): Promise<{ reply: TestPromptReply; audit: InferenceAudit }>;
  chat(
    request: ChatRequest,
    emit: (event: AssistantChatEvent) => void,
    signal: AbortSignal,
  ): Promise<InferenceRecord>;
  embed(
    request: Out<'models.embed'>,
    emit: (event: EmbedEvent) => void,
    signal: AbortSignal,
  ): Promise<InferenceRecord>;
  /** The runtime, for other core services (PHI detection with a token-classification pack). */
  readonly runtime: LocalRuntime;
  close(): Promise<void>;
}

const EMBED_BATCH = 32;

/** Creates the service (and its runtime, unless one is given). */
export function createModelsService(options: ModelsServiceOptions): ModelsService {
  const fixed = options.sources;
  const sources = typeof fixed === 'function' ? fixed : (): PackSource[] => fixed;
  const catalog = createPackCatalog({
    sources,
    policy: options.policy,
    ...(options.trustedKeys ? { trustedKeys: options.trustedKeys } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const ownsRuntime = !options.runtime;
  const runtime =
    options.runtime ??
    createLocalRuntime({ ...options.runtimeOptions, verify: (dir, o) => catalog.verify(dir, o) });

  return {
    runtime,

    async list() {
      const packs = await catalog.all();
      return {
        items: packs
          .filter((pack) => pack.manifest && !pack.problem?.startsWith('shadowed'))
          .map((pack) => ({
            id: pack.manifest!.id,
            name: pack.manifest!.name,
            tasks: pack.manifest!.tasks,
            verified: catalog.status(pack).integrity === 'verified',
          })),
      };
    },

    async packs({ refresh }) {
      const packs = await catalog.all(refresh);
      const resident = new Set(
        (await runtime.stats()).resident.map((m) => m.key.slice(m.key.indexOf(':') + 1)),
      );
      return {
        items: packs
          .filter((pack) => pack.manifest && pack.packHash)
          .map((pack) => {
            const status = catalog.status(pack);
            const usage = catalog.usage(pack.manifest!.id);
            return {
              id: pack.manifest!.id,
              name: pack.manifest!.name,
              tasks: pack.manifest!.tasks,
              license: pack.manifest!.license,
              origin: pack.origin,
              sizeBytes: catalog.sizeBytes(pack),
              packHash: pack.packHash!,
              integrity: status.integrity,
              signature: catalog.signature(pack),
              allowed: catalog.allowed(pack),
              ...(status.problem ? { problem: status.problem } : {}),
              resident: resident.has(pack.dir),
              ...usage,
            };
          }),
      };
    },

    async verify({ id }, emit, signal) {
      const pack = await catalog.get(id);
      let last = 0;
      try {
        const verified = await catalog.verify(pack.dir, {
          signal,
          onProgress: ({ done, total, file }) => {
            const now = performance.now();
            if (now - last < 100 && done < total) return; // at most ten progress events a second
            last = now;
            emit({ type: 'progress', done, total, file });
          },
        });
        emit({ type: 'result', ok: true, integrity: 'verified', packHash: verified.packHash });
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'CANCELLED' || error.code === 'INTERNAL')
          throw error;
        emit({
          type: 'result',
          ok: false,
          integrity: catalog.status(pack).integrity,
          packHash: pack.packHash,
          problem: error.message,
        });
      }
    },

    async testPrompt({ id, prompt, maxTokens }, signal) {
      const pack = await catalog.get(id);
      // Checked here as well as at load, in case the runtime was injected with a laxer verifier.
      if (!catalog.allowed(pack)) {
        throw new AppError(
          'POLICY_DENIED',
          `The model pack "${id}" is not on your organisation's list of approved models.`,
        );
      }
      const result = await runtime.chat(
        pack.dir,
        { messages: [{ role: 'user', content: prompt }], maxNewTokens: maxTokens, temperature: 0 },
        { priority: 'interactive', ...(signal ? { signal } : {}) },
      );
      catalog.noteUse(id, result.tokensPerSecond);
      return {
        reply: {
          text: result.text,
          modelId: id,
          usage: { tokensIn: result.audit.tokensIn, tokensOut: result.audit.tokensOut },
          latencyMs: result.audit.latencyMs,
          ttftMs: result.ttftMs,
          tokensPerSecond: result.tokensPerSecond,
        },
        audit: result.audit,
      };
    },

    chat: (request, emit, signal) => runAssistantChat({ options, catalog, runtime }, request, emit, signal),

    async embed(request, emit, signal) {
      const classification: Classification = request.classification ?? 'phi';
      const onprem = options.onprem;
      const decision = chooseRoute({
        classification,
        task: 'embed',
        policy: options.policy(),
        local: await usableLocalPacks(catalog),
        onprem: onprem
          ? {
              available: onprem.provider.health().state !== 'open',
              ...(onprem.embeddingModel ? { embeddingModel: onprem.embeddingModel } : {}),
            }
          : null,
        builtinTasks: [],
        deidentifierAvailable: false,
        ...(onprem?.prefer ? { prefer: onprem.prefer } : {}),
        ...(request.modelId ? { requestedModel: request.modelId } : {}),
      });
      if (!decision.ok) throw new AppError(decision.code, decision.reason, { details: { reason: 'route' } });
      const dir = decision.provider === 'local' ? (await catalog.get(decision.model)).dir : '';
      let tokensIn = 0;
      let dims = 0;
      let audit: InferenceAudit | undefined;
      const started = performance.now();
      if (decision.provider === 'local') {
        // One request: the worker batches and streams each batch back as it is done.
        const result = await runtime.embed(dir, request.texts, {
          signal,
          priority: request.priority,
          batchSize: EMBED_BATCH,
          onEvent: (event) => {
            if (event.type !== 'vectors') return;
            const rows = Array.from({ length: event.count }, (_, i) =>
              Array.from(event.vectors.subarray(i * event.dims, (i + 1) * event.dims)),
            );
            emit({ type: 'vectors', offset: event.offset, vectors: rows });
          },
        });
        dims = result.dims;
        tokensIn = result.audit.tokensIn;
        audit = result.audit;
      } else {
        for (let offset = 0; offset < request.texts.length; offset += EMBED_BATCH) {
          const batch = request.texts.slice(offset, offset + EMBED_BATCH);
          const result = await onprem!.provider.embed({ model: decision.model, input: batch }, { signal });
          dims = result.vectors[0]?.length ?? 0;
          tokensIn += result.audit.tokensIn;
          audit = result.audit;
          emit({ type: 'vectors', offset, vectors: result.vectors });
        }
      }
      const latencyMs = Math.round(performance.now() - started);
      emit({
        type: 'done',
        provider: decision.provider,
        modelId: decision.model,
        dims,
        count: request.texts.length,
        usage: { tokensIn, tokensOut: 0 },
      });
      catalog.noteUse(decision.model);
      return {
        classification,
        deidentified: false,
        // One entry for the whole request: token counts summed, prompt hash over all the texts.
        audit: { ...audit!, tokensIn, latencyMs, promptHash: promptHash(request.texts) },
      };
    },

    async close() {
      if (ownsRuntime) await runtime.close();
      options.onprem?.provider.close();
    },
  };
}
