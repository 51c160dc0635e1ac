import type { FastifyError, FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ServerErrorReply } from '../../../common/sync/server-api';

/**
 * An error with its HTTP status and stable code; the error handler turns it into
 * `{error:{code,message}}` (ServerErrorReply). Handlers throw these and nothing else on purpose.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { seq?: number; expectedSeq?: number } = {},
  ) {
    super(message);
  }
}

/** Parses with a zod schema; a failure is a 400 VALIDATION naming the first bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  throw new HttpError(400, 'VALIDATION', `${path}: ${issue?.message ?? 'invalid'}`);
}

function reply(code: string, message: string, extra: HttpError['extra'] = {}): ServerErrorReply {
  return { error: { code, message: message.slice(0, 2000), ...extra } };
}

/** Every error leaves as ServerErrorReply; an unexpected one as INTERNAL with a log reference. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, replyTo) => {
    if (error instanceof HttpError) {
      return replyTo.status(error.status).send(reply(error.code, error.message, error.extra));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return replyTo
        .status(413)
        .send(reply('BODY_TOO_LARGE', 'the request body is larger than this route accepts'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return replyTo.status(415).send(reply('UNSUPPORTED_MEDIA_TYPE', 'send application/json'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, empty body …): keep the status, hide internals.
      return replyTo.status(error.statusCode).send(reply('BAD_REQUEST', error.message));
    }
    const ref = randomUUID();
    request.log.error({ err: error, ref }, 'unexpected error');
    return replyTo.status(500).send(reply('INTERNAL', `internal error (reference ${ref})`));
  });
  app.setNotFoundHandler((request, replyTo) =>
    replyTo.status(404).send(reply('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
