/**
 * The organisation's on-prem model server, spoken to over the OpenAI-compatible API: streaming
 * chat completions (SSE) and embeddings, over TLS with the organisation's CA bundle and a bearer
 * token, with connect/idle timeouts, retries with exponential backoff and jitter (only while no
 * token has reached the caller), a circuit breaker, and cancel through an AbortSignal.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../../../../common/errors';
import { promptHash, type InferenceAudit } from '../runtime/inference-audit';
import type { ChatMessage } from '../worker/worker-protocol';
import { backoffDelay, sleep } from './backoff';
import { createCircuitBreaker, type BreakerState } from './circuit-breaker';
import { httpRequest, type HttpResponse } from './http-transport';
import { judgeFailure, StreamCutError } from './onprem-errors';
import { EmbeddingsResponse, HttpStatusError, ProtocolError, parseChatChunk } from './openai-wire';
import { createSseParser } from './sse-parser';

/** Connection settings, as managed configuration provides them. */
export interface OnPremProviderOptions {
  /** e.g. https://models.hospital.internal:8000 (the `/v1/...` paths are appended). */
  baseUrl: string;
  token?: string;
  /** The organisation's CA bundle (PEM); Node's public roots are NOT used when it is set. */
  caPem?: string;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: { max: number; baseMs: number; maxMs: number };
  breaker?: { failureThreshold: number; coolDownMs: number };
  random?: () => number;
  now?: () => number;
}

/** A chat completion request. */
export interface OnPremChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
}

/** A finished chat completion with its audit detail. */
export interface OnPremChatResult {
  text: string;
  finish: string;
  /** True when the server sent no usage and the token counts are estimates. */
  usageEstimated: boolean;
  audit: InferenceAudit;
}

/** The on-prem model server client. */
export interface OnPremProvider {
  chat(
    request: OnPremChatRequest,
    options?: { signal?: AbortSignal; onToken?: (text: string) => void },
  ): Promise<OnPremChatResult>;
  embed(
    request: { model: string; input: string[] },
    options?: { signal?: AbortSignal },
  ): Promise<{ vectors: number[][]; audit: InferenceAudit }>;
  health(): { state: BreakerState; retryInMs: number };
  close(): void;
}

/** Creates a client with its own keep-alive agent and circuit breaker. */
export function createOnPremProvider(options: OnPremProviderOptions): OnPremProvider {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, ...(options.caPem ? { ca: options.caPem } : {}) })
    : new http.Agent({ keepAlive: true });
  const retry = options.retry ?? { max: 2, baseMs: 250, maxMs: 4_000 };
  const breaker = createCircuitBreaker({
    ...(options.breaker ?? { failureThreshold: 5, coolDownMs: 30_000 }),
    ...(options.now ? { now: options.now } : {}),
  });
  const random = options.random ?? Math.random;
  const host = base.host;
  const headers = (accept: string): Record<string, string> => ({
    'content-type': 'application/json',
    accept,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });

  const send = (path: string, body: unknown, accept: string, signal?: AbortSignal): Promise<HttpResponse> =>
    httpRequest({
      url: new URL(path, base),
      method: 'POST',
      headers: headers(accept),
      body: JSON.stringify(body),
      agent,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      ...(signal ? { signal } : {}),
    });

  /** Runs `attempt` with the breaker, retrying judged-retryable failures before any token. */
  async function withRetries<T>(
    signal: AbortSignal | undefined,
    attempt: (progress: { tokens: number }) => Promise<T>,
  ): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'The request was cancelled.');
      if (!breaker.tryAcquire()) {
        throw new AppError(
          'MODEL_UNAVAILABLE',
          `The on-prem model server (${host}) is failing; the app will try it again in ${Math.ceil(breaker.retryInMs() / 1000)} s.`,
          { details: { reason: 'circuit-open', retryInMs: breaker.retryInMs() } },
        );
      }
      const progress = { tokens: 0 };
      try {
        const value = await attempt(progress);
        breaker.success();
        return value;
      } catch (error) {
        const verdict = judgeFailure(error, host, progress.tokens);
        if (verdict.unhealthy) breaker.failure();
        else breaker.release();
        if (!verdict.retryable || tries >= retry.max || signal?.aborted) throw verdict.error;
        const delay = Math.min(retry.maxMs, verdict.retryAfterMs ?? backoffDelay(tries, retry, random));
        await sleep(delay, signal).catch(() => {
          throw new AppError('CANCELLED', 'The request was cancelled.');
        });
      }
    }
  }

  const auditBase = (model: string): Pick<InferenceAudit, 'modelId' | 'packHash' | 'provider'> => ({
    modelId: model,
    // No weights to hash on our side: the hash names the endpoint and model, so audits tell servers apart.
    packHash: createHash('sha256').update(`${base.origin}|${model}`).digest('hex'),
    provider: 'onprem',
  });

  return {
    async chat(request, { signal, onToken } = {}) {
      const started = performance.now();
      return withRetries(signal, async (progress) => {
        const response = await send(
          'v1/chat/completions',
          {
            model: request.model,
            messages: request.messages,
            max_tokens: request.maxTokens,
            temperature: request.temperature,
            stream: true,
            stream_options: { include_usage: true },
          },
          'text/event-stream',
          signal,
        );
        if (response.status !== 200) {
          throw new HttpStatusError(
            response.status,
            await response.text(4096).catch(() => ''),
            response.headers['retry-after'],
          );
        }
        const type = String(response.headers['content-type'] ?? '');
        if (!type.includes('text/event-stream')) {
          response.close();
          throw new ProtocolError(`expected an event stream, got "${type || 'no content type'}"`);
        }
        const parser = createSseParser();
        let text = '';
        let finish = '';
        let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
        let done = false;
        try {
          for await (const chunk of response.body) {
            for (const event of parser.push(chunk)) {
              if (event.data === '[DONE]') {
                done = true;
                break;
              }
              const parsed = parseChatChunk(event.data);
              if (parsed.usage) usage = parsed.usage;
              for (const choice of parsed.choices) {
                if (choice.finish_reason) finish = choice.finish_reason;
                const content = choice.delta?.content;
                if (content) {
                  progress.tokens += 1;
                  text += content;
                  onToken?.(content);
                }
              }
            }
            if (done) break;
          }
        } finally {
          response.close();
        }
        if (!done) throw new StreamCutError();
        return {
          text,
          finish: finish || 'stop',
          usageEstimated: !usage,
          audit: {
            ...auditBase(request.model),
            tokensIn: usage?.prompt_tokens ?? Math.ceil(JSON.stringify(request.messages).length / 4),
            tokensOut: usage?.completion_tokens ?? progress.tokens,
            latencyMs: Math.round(performance.now() - started),
            promptHash: promptHash(request.messages),
          },
        };
      });
    },

    async embed(request, { signal } = {}) {
      const started = performance.now();
      return withRetries(signal, async () => {
        const response = await send(
          'v1/embeddings',
          { model: request.model, input: request.input },
          'application/json',
          signal,
        );
        const body = await response.text(64 << 20);
        if (response.status !== 200)
          throw new HttpStatusError(response.status, body, response.headers['retry-after']);
        let parsed: EmbeddingsResponse;
        try {
          parsed = EmbeddingsResponse.parse(JSON.parse(body));
        } catch {
          throw new ProtocolError('the embeddings response is not valid');
        }
        if (parsed.data.length !== request.input.length)
          throw new ProtocolError('the number of embeddings does not match the input');
        const vectors = [...parsed.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        return {
          vectors,
          audit: {
            ...auditBase(request.model),
            tokensIn: parsed.usage?.prompt_tokens ?? Math.ceil(request.input.join(' ').length / 4),
            tokensOut: 0,
            latencyMs: Math.round(performance.now() - started),
            promptHash: promptHash(request.input),
          },
        };
      });
    },

    health: () => ({ state: breaker.state(), retryInMs: breaker.retryInMs() }),
    close: () => agent.destroy(),
  };
}
