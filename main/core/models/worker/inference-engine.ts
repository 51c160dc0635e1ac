/**
 * What the inference worker does with transformers.js: load verified packs from local folders
 * only, generate with the model's chat template and stream tokens, embed, classify tokens. The
 * message plumbing is in inference.worker.ts; this file knows nothing about ports.
 */
import { dirname, sep } from 'node:path';
import { AppError } from '../../../../common/errors';
import { fitMessages } from './context-fit';
import { modelFailure } from './model-errors';
import { meanPool } from './pooling';
import type {
  ChatMessage,
  ClassifyResult,
  EmbedResult,
  GenerateParams,
  GenerateResult,
  LoadResult,
  LoadSpec,
  TokenEntity,
  WorkerEvent,
} from './worker-protocol';
import { asGenerator, contextWindowOf, type Pipe, type Transformers } from './transformers-types';

interface Loaded {
  spec: LoadSpec;
  pipe: Pipe;
  contextWindow: number;
}

/** The worker-side operations, one call per host message. */
export interface InferenceEngine {
  load(spec: LoadSpec, emit: (event: WorkerEvent) => void): Promise<LoadResult>;
  unload(key: string): Promise<void>;
  generate(
    key: string,
    params: GenerateParams,
    emit: (e: WorkerEvent) => void,
    stop: Stopper,
  ): Promise<GenerateResult>;
  embed(
    key: string,
    texts: string[],
    normalize: boolean,
    batchSize: number,
    emit: (e: WorkerEvent) => void,
    stop: Stopper,
  ): Promise<EmbedResult>;
  classify(key: string, text: string): Promise<ClassifyResult>;
  loadedKeys(): string[];
}

/** Lets the host stop a generation at the next token (InterruptableStoppingCriteria). */
export interface Stopper {
  interrupt(): void;
}

/** Sets transformers.js to local files only: no hub, no caches, no fetch, no logging of inputs. */
export function configureLocalOnly(tf: Transformers): void {
  const { env } = tf;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useWasmCache = false;
  env.useCustomCache = false;
  env.fetch = async () => {
    throw new Error('remote model files are disabled');
  };
  // On a failed run transformers.js logs the input tensors (token ids of the prompt): keep quiet,
  // the error reaches the caller as a message instead.
  env.logLevel = tf.LogLevel.NONE;
}

/** A plain prompt for base models without a chat template. */
function plainPrompt(messages: ChatMessage[]): string {
  const lines = messages.map(
    (m) => `${m.role === 'user' ? 'User' : m.role === 'system' ? 'System' : 'Assistant'}: ${m.content}`,
  );
  return `${lines.join('\n')}\nAssistant:`;
}

/** Creates the engine over an imported transformers.js. */
export function createInferenceEngine(tf: Transformers, options: { threads?: number } = {}): InferenceEngine {
  const loaded = new Map<string, Loaded>();

  function get(key: string): Loaded {
    const entry = loaded.get(key);
    if (!entry)
      throw new AppError('MODEL_UNAVAILABLE', 'The model is not loaded (it may have been evicted).');
    return entry;
  }

  return {
    async load(spec, emit) {
      const started = performance.now();
      const existing = loaded.get(spec.key);
      if (existing) return { contextWindow: existing.contextWindow, loadMs: 0 };
      // The pack is addressed by its absolute folder: transformers.js treats a non-hub id as a path,
      // keys its caches by it (two packs with the same folder name never mix) and, being no valid
      // hub id, could not even build a download URL for it.
      tf.env.localModelPath = dirname(spec.dir) + sep;
      let lastEmit = 0;
      const pipe = (await tf.pipeline(spec.task, spec.dir, {
        dtype: spec.dtype,
        device: 'cpu',
        local_files_only: true,
        ...(spec.useExternalDataFormat ? { use_external_data_format: true } : {}),
        session_options: options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {},
        progress_callback: (info: { status: string; file?: string; loaded?: number; total?: number }) => {
          if (info.status !== 'progress' || !info.file) return;
          const now = performance.now();
          if (now - lastEmit < 100 && info.loaded !== info.total) return;
          lastEmit = now;
          emit({ type: 'load-progress', file: info.file, loaded: info.loaded ?? 0, total: info.total ?? 0 });
        },
      })) as Pipe;
      const contextWindow = spec.contextWindow ?? contextWindowOf(pipe);
      loaded.set(spec.key, { spec, pipe, contextWindow });
      return { contextWindow, loadMs: performance.now() - started };
    },

    async unload(key) {
      const entry = loaded.get(key);
      loaded.delete(key);
      await entry?.pipe.dispose?.();
    },

    async generate(key, params, emit, stop) {
      // Time to first token counts the whole prompt path: template, fitting, tokenizing, prefill.
      const started = performance.now();
      const { pipe, contextWindow, spec } = get(key);
      const { tokenizer, model } = asGenerator(pipe);
      const render = (messages: ChatMessage[]): string =>
        tokenizer.chat_template
          ? (tokenizer.apply_chat_template(messages, {
              tokenize: false,
              add_generation_prompt: true,
            }) as string)
          : plainPrompt(messages);
      const count = (messages: ChatMessage[]): number =>
        tokenizer.encode(render(messages), { add_special_tokens: false }).length;

      // Reserve room for the answer, then make the prompt fit what is left.
      const reserve = Math.min(params.maxNewTokens, Math.floor(contextWindow / 2));
      const fit = fitMessages(params.messages, contextWindow - reserve, count);
      if (!fit.fits) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `The prompt cannot fit this model's ${contextWindow}-token context window, even shortened.`,
        );
      }
      const prompt = render(fit.messages);
      const inputs = tokenizer(prompt, { add_special_tokens: false });
      const tokensIn = inputs.input_ids.dims.at(-1) ?? 0;
      const maxNewTokens = Math.max(1, Math.min(params.maxNewTokens, contextWindow - tokensIn));
      const truncated =
        fit.droppedMessages > 0 || fit.shortenedMessages > 0 || maxNewTokens < params.maxNewTokens;
      if (truncated) {
        const parts: string[] = [];
        if (fit.droppedMessages) parts.push(`${fit.droppedMessages} earlier message(s) were left out`);
        if (fit.shortenedMessages)
          parts.push(`${fit.shortenedMessages} message(s) were shortened in the middle`);
        if (maxNewTokens < params.maxNewTokens) parts.push(`the answer is limited to ${maxNewTokens} tokens`);
        emit({
          type: 'notice',
          code: 'truncated',
          message: `The conversation is longer than the model's ${contextWindow}-token window: ${parts.join('; ')}.`,
        });
      }

      const interrupt = new tf.InterruptableStoppingCriteria();
      stop.interrupt = () => interrupt.interrupt();
      let generated = 0;
      let firstTokenAt = 0;
      const streamer = new tf.TextStreamer(tokenizer, {
        skip_prompt: true,
        skip_special_tokens: true,
        token_callback_function: () => {
          generated += 1;
          if (!firstTokenAt) firstTokenAt = performance.now();
        },
        callback_function: (text: string) => emit({ type: 'token', text, generated, max: maxNewTokens }),
      });
      let output: Awaited<ReturnType<typeof model.generate>>;
      try {
        output = await model.generate({
          ...inputs,
          max_new_tokens: maxNewTokens,
          do_sample: params.temperature > 0,
          ...(params.temperature > 0 ? { temperature: params.temperature } : {}),
          ...(params.topK ? { top_k: params.topK } : {}),
          ...(params.topP ? { top_p: params.topP } : {}),
          streamer,
          stopping_criteria: [interrupt],
        });
      } catch (error) {
        // Say how far it got: a failure after some tokens is a broken model, not a bad prompt.
        const failure = modelFailure('run', error, spec.dir);
        throw new AppError(
          failure.code,
          `${failure.message}${generated ? ` (after ${generated} tokens)` : ''}`,
          {
            details: { ...failure.details, tokensGenerated: generated },
          },
        );
      }
      const ids = output.tolist()[0]!.slice(tokensIn);
      const text = tokenizer.decode(ids, { skip_special_tokens: true });
      const finish = interrupt.interrupted ? 'interrupted' : ids.length < maxNewTokens ? 'stop' : 'length';
      return {
        text,
        tokensIn,
        tokensOut: ids.length,
        truncated,
        ttftMs: firstTokenAt ? firstTokenAt - started : performance.now() - started,
        generationMs: performance.now() - started,
        finish,
      };
    },

    async embed(key, texts, normalize, batchSize, emit, stop) {
      const { pipe } = get(key);
      let interrupted = false;
      stop.interrupt = () => (interrupted = true);
      let dims = 0;
      let tokensIn = 0;
      let truncatedTexts = 0;
      const limit = pipe.tokenizer.model_max_length;
      // Batching happens here, in the worker: one request from the main thread, batches streamed
      // back as they finish (one thread hop per request, not per batch), and a cancel takes effect
      // between batches.
      for (let offset = 0; offset < texts.length && !interrupted; offset += batchSize) {
        const batch = texts.slice(offset, offset + batchSize);
        // The steps of transformers.js's feature-extraction pipeline (tokenize, run, mean-pool,
        // normalise); one tokenization also yields the token counts for the audit.
        const inputs = pipe.tokenizer(batch, { padding: true, truncation: true });
        const output = await pipe.model(inputs);
        const hidden = output.last_hidden_state ?? output.token_embeddings ?? output.logits;
        if (!hidden) throw new Error('the model returned no hidden states');
        const [rows = 0, tokens = 0, width = 0] = hidden.dims;
        const { vectors, lengths } = meanPool(
          hidden.data as Float32Array,
          inputs.attention_mask.data as BigInt64Array,
          { rows, tokens, dims: width },
          normalize,
        );
        tokensIn += lengths.reduce((a, b) => a + b, 0);
        truncatedTexts += lengths.filter((n) => n >= limit).length;
        dims = width;
        emit({ type: 'vectors', offset, count: batch.length, dims, vectors });
      }
      if (interrupted) throw new AppError('CANCELLED', 'The request was cancelled.');
      return { dims, count: texts.length, tokensIn, truncatedTexts };
    },

    async classify(key, text) {
      const { pipe } = get(key);
      const tokensIn = pipe.tokenizer.encode(text).length;
      const raw = (await pipe(text, { ignore_labels: ['O'] })) as {
        entity: string;
        score: number;
        index: number;
        word: string;
      }[];
      return {
        entities: groupEntities(raw),
        tokensIn,
        truncated: tokensIn > pipe.tokenizer.model_max_length,
      };
    },

    loadedKeys: () => [...loaded.keys()],
  };
}

/** Joins B-/I- token predictions into spans ("5", "##55" → "555"), keeping token positions. */
export function groupEntities(
  raw: { entity: string; score: number; index: number; word: string }[],
): TokenEntity[] {
  const out: (TokenEntity & { scores: number[] })[] = [];
  for (const token of raw) {
    const prefix = /^[BI]-/.test(token.entity) ? token.entity[0] : 'I';
    const label = token.entity.replace(/^[BIES]-/, '');
    const last = out.at(-1);
    const piece = token.word.startsWith('##') ? token.word.slice(2) : token.word;
    if (last && prefix === 'I' && last.label === label && last.endToken === token.index - 1) {
      last.text += token.word.startsWith('##') ? piece : ` ${piece}`;
      last.endToken = token.index;
      last.scores.push(token.score);
    } else {
      out.push({
        label,
        text: piece,
        score: 0,
        startToken: token.index,
        endToken: token.index,
        scores: [token.score],
      });
    }
  }
  return out.map(({ scores, ...entity }) => ({
    ...entity,
    score: scores.reduce((a, b) => a + b, 0) / scores.length,
  }));
}
