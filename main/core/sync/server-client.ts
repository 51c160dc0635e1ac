/**
 * The device's HTTPS client for the enterprise server (common/sync/server-api.ts). The server is
 * trusted only under the tenant CA (or the organisation's managed ServerCaCertificate) — never the
 * system store once enrolled — and every reply is parsed with the contract's schemas before any of
 * it is used. Failures become AppErrors whose `details.reason` says which kind, so the engine can
 * decide to back off and the UI can say it in words.
 */
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../../common/errors';
import {
  AuditBatchReply,
  AuditHeadReply,
  EnrollReply,
  HealthReply,
  PolicyEvent,
  PolicyReply,
  SERVER_ROUTES,
  ServerErrorReply,
  type AuditBatchRequest,
  type EnrollRequest,
} from '../../../common/sync/server-api';

/** Why a call failed, as the engine and the UI distinguish it. */
export type SyncFailureReason = 'unreachable' | 'wrong-ca' | 'bad-reply' | 'refused' | 'server-error';

/** Where and how to reach the server. */
export interface ServerEndpoint {
  serverUrl: string;
  /** PEM CA certificate(s) the server's TLS certificate must chain to; undefined = system store (enrollment only). */
  ca?: string;
  /** The device's certificate and key (mutual TLS); absent for health and enrollment. */
  certificatePem?: string;
  keyPem?: string;
  /** Per-request limit (connect + reply), default 15 s. */
  timeoutMs?: number;
}

/** A reply larger than this is not one the contract allows (the biggest, a policy bundle, is ≤ 2 MiB). */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function syncError(
  reason: SyncFailureReason,
  message: string,
  extra: { status?: number; serverCode?: string; expectedSeq?: number } = {},
): AppError {
  const details: Record<string, string | number> = { reason };
  if (extra.status !== undefined) details.status = extra.status;
  if (extra.serverCode !== undefined) details.serverCode = extra.serverCode;
  if (extra.expectedSeq !== undefined) details.expectedSeq = extra.expectedSeq;
  const code = reason === 'bad-reply' || reason === 'wrong-ca' ? 'SYNC_INCOMPATIBLE' : 'IO_ERROR';
  return new AppError(code, message, { details });
}

/** The reason of a failure made by this module, or undefined for anything else. */
export function failureReason(error: unknown): SyncFailureReason | undefined {
  if (!(error instanceof AppError)) return undefined;
  const reason = error.details?.reason;
  return typeof reason === 'string' ? (reason as SyncFailureReason) : undefined;
}

function transportError(error: NodeJS.ErrnoException, host: string): AppError {
  if (error.code && TLS_TRUST_CODES.has(error.code)) {
    return syncError(
      'wrong-ca',
      `The server at ${host} presented a certificate that is not from your organisation's CA (${error.code}); the app will not talk to it.`,
    );
  }
  return syncError(
    'unreachable',
    `The server at ${host} cannot be reached (${error.code ?? error.message}).`,
  );
}

interface RawReply {
  status: number;
  etag: string | undefined;
  body: string;
}

export interface ServerClient {
  health(): Promise<HealthReply>;
  enroll(request: EnrollRequest): Promise<EnrollReply>;
  auditHead(): Promise<AuditHeadReply>;
  /** Posts a batch; a refusal is thrown with details.serverCode (and expectedSeq for AUDIT_GAP). */
  postBatch(batch: AuditBatchRequest): Promise<AuditBatchReply>;
  /** `unchanged` for 304 (or 204: nothing published), else the reply and its ETag. */
  policy(
    etag: string | undefined,
  ): Promise<{ kind: 'unchanged' } | { kind: 'bundle'; reply: PolicyReply; etag: string | undefined }>;
  /** Holds the SSE stream open and calls `onEvent` per policy event until it ends or `signal` aborts. */
  policyEvents(onEvent: (event: PolicyEvent) => void, signal: AbortSignal): Promise<void>;
}

export function createServerClient(endpoint: ServerEndpoint): ServerClient {
  const base = new URL(endpoint.serverUrl);
  if (base.protocol !== 'https:')
    throw new AppError('INVALID_ARGUMENT', 'The server URL must start with https://.');
  const timeoutMs = endpoint.timeoutMs ?? 15_000;

  function options(path: string, method: string, headers: Record<string, string>): RequestOptions {
    const url = new URL(path, base);
    return {
      method,
      host: url.hostname,
      port: url.port || 443,
      path: url.pathname,
      headers: { accept: 'application/json', ...headers },
      ...(endpoint.ca !== undefined && { ca: endpoint.ca }),
      ...(endpoint.certificatePem !== undefined && { cert: endpoint.certificatePem }),
      ...(endpoint.keyPem !== undefined && { key: endpoint.keyPem }),
      // A fresh connection per call: after the server vanished, no half-dead pooled socket lingers.
      agent: false,
      rejectUnauthorized: true,
    };
  }

  function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RawReply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const allHeaders = payload ? { 'content-type': 'application/json', ...headers } : headers;
    return new Promise((resolve, reject) => {
      const req = httpsRequest(options(path, method, allHeaders), (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) {
            req.destroy();
            reject(
              syncError('bad-reply', `The server's reply to ${path} is larger than any the contract allows.`),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            etag: typeof res.headers.etag === 'string' ? res.headers.etag : undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) => reject(transportError(error, base.host)));
        res.on('aborted', () =>
          reject(syncError('unreachable', `The connection to ${base.host} broke mid-reply.`)),
        );
      });
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        reject(
          syncError(
            'unreachable',
            `The server at ${base.host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          ),
        );
      });
      req.on('error', (error: NodeJS.ErrnoException) => reject(transportError(error, base.host)));
      req.end(payload);
    });
  }

  function parseJson(raw: RawReply, path: string): unknown {
    try {
      return JSON.parse(raw.body);
    } catch {
      throw syncError('bad-reply', `The server's reply to ${path} is not JSON (HTTP ${raw.status}).`, {
        status: raw.status,
      });
    }
  }

  /** Throws the server's own error (or a plain one) for any non-2xx reply. */
  function failure(raw: RawReply, path: string): AppError {
    const reason: SyncFailureReason = raw.status >= 500 ? 'server-error' : 'refused';
    let parsed: ReturnType<typeof ServerErrorReply.safeParse> | undefined;
    try {
      parsed = ServerErrorReply.safeParse(JSON.parse(raw.body));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) {
      const { code, message, expectedSeq } = parsed.data.error;
      return syncError(reason, message, {
        status: raw.status,
        serverCode: code,
        ...(expectedSeq !== undefined && { expectedSeq }),
      });
    }
    return syncError(reason, `The server answered ${path} with HTTP ${raw.status}.`, { status: raw.status });
  }

  function validated<S extends z.ZodType>(schema: S, raw: RawReply, path: string): z.infer<S> {
    const result = schema.safeParse(parseJson(raw, path));
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'the reply';
      throw syncError(
        'bad-reply',
        `The server's reply to ${path} does not match the contract: ${where}: ${issue?.message ?? 'invalid'}.`,
        {
          status: raw.status,
        },
      );
    }
    return result.data;
  }

  async function call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const raw = await send(method, path, body);
    if (raw.status < 200 || raw.status > 299) throw failure(raw, path);
    return validated(schema, raw, path);
  }

  return {
    health: () => call(HealthReply, 'GET', SERVER_ROUTES.health),
    enroll: (request) => call(EnrollReply, 'POST', SERVER_ROUTES.enroll, request),
    auditHead: () => call(AuditHeadReply, 'GET', SERVER_ROUTES.auditHead),
    postBatch: (batch) => call(AuditBatchReply, 'POST', SERVER_ROUTES.auditBatches, batch),
    async policy(etag) {
      const path = SERVER_ROUTES.policy;
      const raw = await send('GET', path, undefined, etag ? { 'if-none-match': etag } : {});
      if (raw.status === 304 || raw.status === 204) return { kind: 'unchanged' };
      if (raw.status !== 200) throw failure(raw, path);
      return { kind: 'bundle', reply: validated(PolicyReply, raw, path), etag: raw.etag };
    },
    policyEvents(onEvent, signal) {
      const path = SERVER_ROUTES.policyEvents;
      return new Promise((resolve, reject) => {
        const req = httpsRequest(
          { ...options(path, 'GET', { accept: 'text/event-stream' }), signal },
          (res) => {
            if (res.statusCode !== 200) {
              res.resume();
              reject(
                syncError(
                  res.statusCode && res.statusCode >= 500 ? 'server-error' : 'refused',
                  `The server refused the policy event stream (HTTP ${res.statusCode ?? 0}).`,
                ),
              );
              return;
            }
            readEvents(res, onEvent);
            res.on('end', () => resolve());
            res.on('error', () => resolve());
            res.on('close', () => resolve());
          },
        );
        // The server sends a comment every 25 s; twice that in silence means the link is dead.
        req.setTimeout(60_000, () => req.destroy());
        req.on('error', (error: NodeJS.ErrnoException) =>
          signal.aborted ? resolve() : reject(transportError(error, base.host)),
        );
        req.end();
      });
    },
  };
}

/** Parses `event:`/`data:` blocks; anything that is not a valid policy event is ignored. */
function readEvents(res: IncomingMessage, onEvent: (event: PolicyEvent) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > 1_000_000) buffer = '';
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (name !== 'policy' || data.length === 0) continue;
      try {
        const parsed = PolicyEvent.safeParse(JSON.parse(data.join('\n')));
        if (parsed.success) onEvent(parsed.data);
      } catch {
        // A malformed event is not worth dropping the stream for; the next pull catches up.
      }
    }
  });
}
