/**
 * The slice of transformers.js v4 the worker uses, typed structurally. The package's own .d.ts
 * types pipelines by literal task names and overloads; the worker picks the task at run time, so
 * it talks to this narrow, checked surface instead of casting to `any` at every call.
 */

/** A transformers.js tensor: shape and flat data. */
export interface Tensor {
  dims: number[];
  data: ArrayLike<number> | ArrayLike<bigint>;
}

/** Tokenizer output: model inputs as tensors. */
export interface Encoded {
  input_ids: Tensor;
  attention_mask: Tensor;
  [name: string]: Tensor;
}

/** A transformers.js tokenizer (callable). */
export interface Tokenizer {
  (text: string | string[], options?: Record<string, unknown>): Encoded;
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
  decode(ids: readonly (number | bigint)[], options?: { skip_special_tokens?: boolean }): string;
  apply_chat_template(messages: unknown[], options: Record<string, unknown>): unknown;
  chat_template: unknown;
  model_max_length: number;
}

/** A transformers.js model (callable forward pass, plus generate). */
export interface Model {
  (inputs: Encoded): Promise<Record<string, Tensor | undefined>>;
  generate(options: Record<string, unknown>): Promise<{ tolist(): bigint[][] }>;
  config: Record<string, unknown>;
}

/** A transformers.js pipeline with its tokenizer and model. */
export interface Pipe {
  (input: unknown, options?: Record<string, unknown>): Promise<unknown>;
  tokenizer: Tokenizer;
  model: Model;
  dispose?(): Promise<void>;
}

/** The transformers.js exports the worker uses. */
export interface Transformers {
  env: {
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    useBrowserCache: boolean;
    useFSCache: boolean;
    useWasmCache: boolean;
    useCustomCache: boolean;
    localModelPath: string;
    fetch: (input: string | URL, init?: unknown) => Promise<unknown>;
    logLevel: number;
  };
  LogLevel: { NONE: number };
  pipeline(task: string, model: string, options: Record<string, unknown>): Promise<unknown>;
  TextStreamer: new (
    tokenizer: Tokenizer,
    options: {
      skip_prompt?: boolean;
      skip_special_tokens?: boolean;
      callback_function?: (text: string) => void;
      token_callback_function?: (tokens: bigint[]) => void;
    },
  ) => unknown;
  InterruptableStoppingCriteria: new () => { interrupt(): void; interrupted: boolean };
}

/** Imports transformers.js (about a second: ONNX Runtime's native binding and the tokenizers). */
export async function loadTransformers(): Promise<Transformers> {
  return (await import('@huggingface/transformers')) as unknown as Transformers;
}

/** The pipe as a text generator, or a clear error when the pack is not a generative model. */
export function asGenerator(pipe: Pipe): { tokenizer: Tokenizer; model: Model } {
  if (typeof pipe.model?.generate !== 'function') throw new Error('this model cannot generate text');
  return { tokenizer: pipe.tokenizer, model: pipe.model };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1_048_576
    ? value
    : undefined;
}

/** The model's context window in tokens, from config.json, else the tokenizer's limit, else 2048. */
export function contextWindowOf(pipe: Pipe): number {
  const config = pipe.model.config ?? {};
  return (
    positive(config.max_position_embeddings) ??
    positive(config.n_positions) ??
    positive(config.max_sequence_length) ??
    positive(pipe.tokenizer.model_max_length) ??
    2048
  );
}
