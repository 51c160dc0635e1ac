/**
 * Serves local model packs through the OpenAI-compatible API (`/v1/chat/completions` with SSE
 * streaming, `/v1/embeddings`, `/v1/models`), backed by the same LocalRuntime the desktop uses.
 * The enterprise server can mount it to be the organisation's on-prem model server, and the
 * on-prem provider's tests run against it for real instead of against canned responses.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../../../common/errors';
import type { LocalRuntime } from '../runtime/local-runtime';

/** What the OpenAI-compatible handler serves and how it authenticates callers. */
export interface OpenAiCompatOptions {
  runtime: LocalRuntime;
  /** Model name as clients send it → pack folder. */
  models: Record<string, { chat?: string; embeddings?: string }>;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string;
  maxBodyBytes?: number;
}

const Message = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().max(200_000) });
const ChatBody = z.object({
  model: z.string().max(200),
  messages: z.array(Message).min(1).max(256),
  max_tokens: z.number().int().min(1).max(8192).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
});
const EmbeddingsBody = z.object({
  model: z.string().max(200),
  input: z.union([z.string().max(200_000), z.array(z.string().max(200_000)).min(1).max(2048)]),
});

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = 'invalid_request_error',
): void {
  sendJson(res, status, { error: { message, type, code: status } });
}

async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const statusOf = (error: unknown): number =>
  error instanceof AppError
    ? ((
        {
          INVALID_ARGUMENT: 400,
          PAYLOAD_TOO_LARGE: 413,
          POLICY_DENIED: 403,
          NOT_FOUND: 404,
          CANCELLED: 499,
        } as Record<string, number>
      )[error.code] ?? 503)
    : 500;

/** A node:http request listener implementing the subset of the OpenAI API the app uses. */
export function createOpenAiCompatHandler(
  options: OpenAiCompatOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? 4 << 20;

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = ChatBody.parse(await readBody(req, limit));
    const dir = options.models[body.model]?.chat;
    if (!dir) return sendError(res, 404, `model "${body.model}" not found`);
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (
      delta: Record<string, string>,
      finish: string | null,
      extra: Record<string, unknown> = {},
    ): string =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
    const params = {
      messages: body.messages,
      maxNewTokens: body.max_tokens ?? 256,
      temperature: body.temperature ?? 0,
    };
    if (!body.stream) {
      const result = await options.runtime.chat(dir, params, { signal: abort.signal });
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: result.text },
            finish_reason: result.finish === 'length' ? 'length' : 'stop',
          },
        ],
        usage: {
          prompt_tokens: result.audit.tokensIn,
          completion_tokens: result.audit.tokensOut,
          total_tokens: result.audit.tokensIn + result.audit.tokensOut,
        },
      });
    }
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(chunk({ role: 'assistant', content: '' }, null));
    };
    try {
      const result = await options.runtime.chat(dir, params, {
        signal: abort.signal,
        onEvent: (event) => {
          if (event.type !== 'token') return;
          start();
          res.write(chunk({ content: event.text }, null));
        },
      });
      start();
      res.write(chunk({}, result.finish === 'length' ? 'length' : 'stop'));
      if (body.stream_options?.include_usage) {
        const usage = {
          prompt_tokens: result.audit.tokensIn,
          completion_tokens: result.audit.tokensOut,
          total_tokens: result.audit.tokensIn + result.audit.tokensOut,
        };
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
        );
      }
      res.end('data: [DONE]\n\n');
    } catch (error) {
      if (!started) throw error;
      // Headers are gone: report inside the stream, as OpenAI-compatible servers do, then stop.
      res.end(
        `data: ${JSON.stringify({ error: { message: error instanceof Error ? error.message : 'model failed', type: 'server_error' } })}\n\n`,
      );
    }
  }

  async function embeddings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = EmbeddingsBody.parse(await readBody(req, limit));
    const dir = options.models[body.model]?.embeddings;
    if (!dir) return sendError(res, 404, `model "${body.model}" not found`);
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    const result = await options.runtime.embed(dir, input, { priority: 'background' });
    sendJson(res, 200, {
      object: 'list',
      model: body.model,
      data: result.vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: Array.from(vector),
      })),
      usage: { prompt_tokens: result.audit.tokensIn, total_tokens: result.audit.tokensIn },
    });
  }

  return (req, res) => {
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      return sendError(res, 401, 'invalid or missing bearer token', 'authentication_error');
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route =
      req.method === 'POST' && path === '/v1/chat/completions'
        ? chat
        : req.method === 'POST' && path === '/v1/embeddings'
          ? embeddings
          : req.method === 'GET' && path === '/v1/models'
            ? async (_req: IncomingMessage, res: ServerResponse) =>
                sendJson(res, 200, {
                  object: 'list',
                  data: Object.keys(options.models).map((id) => ({
                    id,
                    object: 'model',
                    owned_by: 'starring',
                  })),
                })
            : undefined;
    if (!route) return sendError(res, 404, `no route for ${req.method} ${path}`);
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof z.ZodError || error instanceof SyntaxError)
        return sendError(res, 400, 'malformed request body');
      sendError(
        res,
        statusOf(error),
        error instanceof Error ? error.message : 'internal error',
        'server_error',
      );
    });
  };
}
