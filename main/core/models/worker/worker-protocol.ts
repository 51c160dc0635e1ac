/**
 * Messages between the main process and the inference worker. Plain structured-clone data, so the
 * same protocol runs over a Node worker_thread today and an Electron utilityProcess later.
 */
import type { AppErrorData } from '../../../../common/errors';
import type { PackRuntime } from '../../../../common/models/pack-manifest';

/**
 * The transformers.js pipeline a resident model was loaded as. Summarization and translation run
 * on a chat model with a task prompt (task-prompts.ts): transformers.js v4 runs those tasks only on
 * encoder-decoder exports (BART, T5, Marian), which no pack here ships yet.
 */
export type PipelineTask = 'text-generation' | 'feature-extraction' | 'token-classification';

/** What to load: a verified pack folder, as which pipeline, with which weights. */
export interface LoadSpec {
  /** Residency key: pack folder + pipeline task. */
  key: string;
  /** Absolute folder of a pack that was verified just before this message. */
  dir: string;
  task: PipelineTask;
  dtype: PackRuntime['dtype'];
  useExternalDataFormat: boolean;
  contextWindow?: number;
}

/** One chat turn. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A generation request. */
export interface GenerateParams {
  messages: ChatMessage[];
  maxNewTokens: number;
  /** 0 = greedy (deterministic). */
  temperature: number;
  topK?: number;
  topP?: number;
}

export type HostMessage =
  | { type: 'load'; id: number; spec: LoadSpec }
  | { type: 'unload'; id: number; key: string }
  | { type: 'generate'; id: number; key: string; params: GenerateParams }
  | { type: 'embed'; id: number; key: string; texts: string[]; normalize: boolean; batchSize: number }
  | { type: 'classify'; id: number; key: string; text: string }
  | { type: 'abort'; id: number }
  | { type: 'stats'; id: number };

export type WorkerEvent =
  | { type: 'load-progress'; file: string; loaded: number; total: number }
  | { type: 'token'; text: string; generated: number; max: number }
  | { type: 'notice'; code: 'truncated'; message: string }
  /** One batch of embeddings, row-major [count × dims], transferred, not copied. */
  | { type: 'vectors'; offset: number; count: number; dims: number; vectors: Float32Array };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'event'; id: number; event: WorkerEvent }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: AppErrorData };

/** Reply to `load`. */
export interface LoadResult {
  contextWindow: number;
  loadMs: number;
}

/** Reply to `generate`. */
export interface GenerateResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  truncated: boolean;
  /** Milliseconds from the start of generation to the first new token. */
  ttftMs: number;
  generationMs: number;
  finish: 'length' | 'stop' | 'interrupted';
}

/** The summary of an embed job; the vectors themselves arrive as `vectors` events, batch by batch. */
export interface EmbedResult {
  dims: number;
  count: number;
  tokensIn: number;
  /** How many texts were longer than the model's window and were cut. */
  truncatedTexts: number;
}

/** An entity found by token classification. */
export interface TokenEntity {
  /** Label without the B-/I- prefix ("ID", "NAME", …). */
  label: string;
  text: string;
  score: number;
  /** Token positions (inclusive) in the model's tokenization. */
  startToken: number;
  endToken: number;
}

/** Reply to `classify`. */
export interface ClassifyResult {
  entities: TokenEntity[];
  tokensIn: number;
  truncated: boolean;
}

/** Reply to `stats`. */
export interface WorkerStats {
  rssBytes: number;
  heapUsedBytes: number;
  /** Socket, DNS or HTTP attempts the network guard refused inside the worker (should be 0). */
  blockedNetworkAttempts: number;
  loaded: string[];
}
