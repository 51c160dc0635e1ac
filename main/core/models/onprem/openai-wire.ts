/**
 * The parts of the OpenAI-compatible wire format we rely on (vLLM, Ollama, llama.cpp server and TGI
 * all speak it). Schemas are loose objects: servers add fields; we only insist on what we read.
 */
import { z } from 'zod';

/** One `data:` event of a streamed chat completion. */
export const ChatChunk = z.looseObject({
  choices: z.array(
    z.looseObject({
      delta: z.looseObject({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z.looseObject({ prompt_tokens: z.number().int(), completion_tokens: z.number().int() }).nullish(),
});
export type ChatChunk = z.infer<typeof ChatChunk>;

/** The body of a `/v1/embeddings` response. */
export const EmbeddingsResponse = z.looseObject({
  data: z.array(z.looseObject({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
  usage: z.looseObject({ prompt_tokens: z.number().int() }).nullish(),
});
export type EmbeddingsResponse = z.infer<typeof EmbeddingsResponse>;

/** A stream or body that does not follow the protocol: a server bug, never retried blindly. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The server reported a failure inside the stream (`data: {"error": …}`), e.g. its model crashed. */
export class ServerReportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerReportedError';
  }
}

/** Parses one `data:` payload of a chat completion stream. */
export function parseChatChunk(data: string): ChatChunk {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new ProtocolError(`an event is not JSON ("${data.slice(0, 40)}")`);
  }
  const reported = (json as { error?: { message?: unknown } } | null)?.error;
  if (reported) {
    throw new ServerReportedError(
      typeof reported.message === 'string' ? reported.message.slice(0, 200) : 'unknown error',
    );
  }
  const parsed = ChatChunk.safeParse(json);
  if (!parsed.success) throw new ProtocolError('an event is not a chat completion chunk');
  return parsed.data;
}

/** An HTTP status other than 200, with what the server said (trimmed). */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  constructor(status: number, body: string, retryAfter: string | string[] | undefined) {
    const detail = extractMessage(body);
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpStatusError';
    this.status = status;
    const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    this.retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  }
}

function extractMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    /* not JSON: fall through to the raw text */
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}
