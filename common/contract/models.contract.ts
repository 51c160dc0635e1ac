/**
 * Model packs and the assistant, as channels and streams (proposal; merged into `contract` by the
 * lead). `models.list` stays in workspace.contract.ts for the simple picker; `models.packs` is the
 * richer Settings view. Requests are bounded: prompt sizes are limited here, before any model sees
 * them, so an oversized paste fails fast with INVALID_ARGUMENT instead of exhausting memory.
 */
import { z } from 'zod';
import { ModelTask } from '../models/pack-manifest';
import { channel, stream } from './define';
import { Classification } from './workspace.contract';

/** Limits: one message ≤ 32,000 characters, a conversation ≤ 64 messages and 120,000 characters. */
export const MODEL_LIMITS = {
  messageChars: 32_000,
  conversationMessages: 64,
  conversationChars: 120_000,
  testPromptChars: 4_000,
  embedTexts: 256,
  embedTextChars: 8_000,
  maxTokens: 2_048,
} as const;

/** Whether a pack's files were checked against their hashes this session. */
export const PackIntegrity = z.enum(['verified', 'unchecked', 'failed']);
export type PackIntegrity = z.infer<typeof PackIntegrity>;

/** One pack as the Settings → Models view shows it. */
export const PackInfo = z.strictObject({
  id: z.string(),
  name: z.string(),
  tasks: z.array(ModelTask),
  license: z.string(),
  origin: z.enum(['managed', 'app', 'user']),
  sizeBytes: z.number().int().nonnegative(),
  /** sha256 of the canonical manifest: what the policy allowlist names. */
  packHash: z.string(),
  /** `verified` once every file's hash matched this session; `failed` with `problem`. */
  integrity: PackIntegrity,
  signature: z.enum(['unsigned', 'valid', 'invalid', 'unknown-key']),
  /** False when the policy allowlist does not approve this exact pack. */
  allowed: z.boolean(),
  problem: z.string().optional(),
  resident: z.boolean(),
  lastUsed: z.string().optional(),
  /** Decode speed measured on this device at the last generation. */
  tokensPerSecond: z.number().nonnegative().optional(),
});
export type PackInfo = z.infer<typeof PackInfo>;

/** Who said it. */
export const ChatRole = z.enum(['system', 'user', 'assistant']);
/** One turn of a conversation (bounded). */
export const ChatMessage = z.strictObject({
  role: ChatRole,
  content: z.string().max(MODEL_LIMITS.messageChars),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Chat, or a task run as instructions to the chat model. */
export const AssistantTask = z.enum(['chat', 'summarize', 'translate']);

/** Where the answer came from: this device, the on-prem server, or a deterministic built-in. */
export const Provider = z.enum(['local', 'onprem', 'builtin']);

/** Token counts of one inference. */
export const Usage = z.strictObject({
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
});

/** `assistant.chat` request: the conversation, the task, and what decides the route. */
export const AssistantChatRequest = z
  .strictObject({
    messages: z.array(ChatMessage).min(1).max(MODEL_LIMITS.conversationMessages),
    task: AssistantTask.default('chat'),
    /** For `translate`: a language name or BCP 47 tag. */
    targetLanguage: z.string().min(2).max(40).optional(),
    /** The document the conversation is about; its classification decides the route. */
    documentId: z.string().max(128).optional(),
    /** Omitted means unknown, which is treated as PHI (the strictest). */
    classification: Classification.optional(),
    modelId: z.string().max(200).optional(),
    maxTokens: z.number().int().min(1).max(MODEL_LIMITS.maxTokens).default(512),
    temperature: z.number().min(0).max(2).default(0),
  })
  .refine((r) => r.messages.reduce((n, m) => n + m.content.length, 0) <= MODEL_LIMITS.conversationChars, {
    message: `the conversation is longer than ${MODEL_LIMITS.conversationChars} characters`,
    path: ['messages'],
  })
  .refine((r) => r.task !== 'translate' || r.targetLanguage !== undefined, {
    message: 'translate needs targetLanguage',
    path: ['targetLanguage'],
  });

/** `assistant.chat` events: the route first, then progress (for `queued`, `total` is the number of jobs ahead), notices and tokens, and `done` last. */
export const AssistantChatEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('route'),
    provider: Provider,
    modelId: z.string(),
    deidentified: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('progress'),
    stage: z.enum(['queued', 'verifying', 'loading']),
    done: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
  z.strictObject({ type: z.literal('notice'), code: z.enum(['truncated']), message: z.string() }),
  z.strictObject({
    type: z.literal('token'),
    text: z.string(),
    /** Tokens generated so far, for a progress bar against `maxTokens` (local models only). */
    generated: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({
    type: z.literal('done'),
    provider: Provider,
    modelId: z.string(),
    usage: Usage,
    latencyMs: z.number().nonnegative(),
    truncated: z.boolean(),
    finish: z.enum(['stop', 'length']),
  }),
]);
export type AssistantChatEvent = z.infer<typeof AssistantChatEvent>;

/** `models.verify` events: hashing progress, then one result. */
export const VerifyEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('progress'),
    done: z.number().nonnegative(),
    total: z.number().nonnegative(),
    file: z.string(),
  }),
  z.strictObject({
    type: z.literal('result'),
    ok: z.boolean(),
    integrity: PackIntegrity,
    packHash: z.string().optional(),
    /** What failed, in words, naming the file (e.g. "onnx/model.onnx does not match its sha256"). */
    problem: z.string().optional(),
  }),
]);
export type VerifyEvent = z.infer<typeof VerifyEvent>;

/** `models.embed` events: vectors batch by batch, then `done`. */
export const EmbedEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('vectors'),
    offset: z.number().int().nonnegative(),
    vectors: z.array(z.array(z.number())),
  }),
  z.strictObject({
    type: z.literal('done'),
    provider: Provider,
    modelId: z.string(),
    dims: z.number().int().nonnegative(),
    count: z.number().int().nonnegative(),
    usage: Usage,
  }),
]);
export type EmbedEvent = z.infer<typeof EmbedEvent>;

/** The models channels and streams, to be merged into `contract`. */
export const modelsContract = {
  'models.packs': channel({
    summary: 'Model packs found on this device with integrity, approval, size, last use and measured speed.',
    request: z.strictObject({ refresh: z.boolean().default(false) }),
    reply: z.strictObject({ items: z.array(PackInfo) }),
  }),
  'models.verify': stream({
    summary: 'Checks every file of a pack against its manifest hashes, streaming progress; cancel stops it.',
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    event: VerifyEvent,
    audited: true,
  }),
  'models.testPrompt': channel({
    summary:
      'Runs a short prompt on one local pack and reports the answer, latency and speed (Settings → Models).',
    request: z.strictObject({
      id: z.string().min(1).max(64),
      prompt: z.string().min(1).max(MODEL_LIMITS.testPromptChars),
      maxTokens: z.number().int().min(1).max(256).default(32),
    }),
    reply: z.strictObject({
      text: z.string(),
      modelId: z.string(),
      usage: Usage,
      latencyMs: z.number().nonnegative(),
      ttftMs: z.number().nonnegative(),
      tokensPerSecond: z.number().nonnegative(),
    }),
    audited: true,
  }),
  'assistant.chat': stream({
    summary: 'Chat, summarise or translate with the model the policy allows for this data; streams tokens.',
    request: AssistantChatRequest,
    event: AssistantChatEvent,
    audited: true,
  }),
  'models.embed': stream({
    summary: 'Embeddings (mean-pooled, normalised) for semantic search, streamed in batches.',
    request: z.strictObject({
      texts: z.array(z.string().max(MODEL_LIMITS.embedTextChars)).min(1).max(MODEL_LIMITS.embedTexts),
      classification: Classification.optional(),
      modelId: z.string().max(200).optional(),
      priority: z.enum(['interactive', 'background']).default('background'),
    }),
    event: EmbedEvent,
    audited: true,
  }),
};
