/**
 * One HTTP(S) exchange with the on-prem model server over node:https, because Node 20's global
 * fetch cannot take the organisation's CA bundle (that needs undici's Agent, not installed here).
 * Failures are classified where they are understood: connect timeout, idle timeout (no byte for N
 * ms, waiting for headers or between stream chunks), TLS (untrusted or mismatched certificate),
 * network, or aborted by the caller.
 */
import http from 'node:http';
import https from 'node:https';

/** The ways a request can fail below HTTP. */
export type TransportFailure = 'connect-timeout' | 'idle-timeout' | 'tls' | 'network' | 'aborted';

/** A failure below HTTP, classified. */
export class TransportError extends Error {
  readonly kind: TransportFailure;
  readonly code: string | undefined;
  constructor(kind: TransportFailure, message: string, code?: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
    this.code = code;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME/;

function classify(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code && TLS_CODES.test(code)) return new TransportError('tls', message, code);
  return new TransportError('network', message, code);
}

/** One request: target, body, the CA-carrying agent, timeouts, cancel. */
export interface HttpRequestOptions {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  agent: http.Agent;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/** A response whose headers have arrived; the body streams. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body, chunk by chunk; each chunk resets the idle timer; errors are TransportErrors. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body (bounded) as text. */
  text(limit?: number): Promise<string>;
  /** Stops reading and frees the connection. */
  close(): void;
}

/** Sends the request and resolves when response headers arrive. */
export function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const { url, signal } = options;
  const secure = url.protocol === 'https:';
  return new Promise<HttpResponse>((resolve, reject) => {
    let failure: TransportError | undefined;
    let idle: NodeJS.Timeout | undefined;
    const fail = (error: TransportError): void => {
      failure ??= error;
      request.destroy(failure);
    };
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          fail(new TransportError('idle-timeout', `no data from the server for ${options.idleTimeoutMs} ms`)),
        options.idleTimeoutMs,
      );
    };
    const done = (): void => {
      clearTimeout(idle);
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => fail(new TransportError('aborted', 'cancelled by the caller'));

    const request = (secure ? https : http).request(url, {
      method: options.method,
      headers: options.headers,
      agent: options.agent,
    });
    const connectTimer = setTimeout(
      () =>
        fail(
          new TransportError('connect-timeout', `could not connect within ${options.connectTimeoutMs} ms`),
        ),
      options.connectTimeoutMs,
    );
    request.on('socket', (socket) => {
      const connected = (): void => {
        clearTimeout(connectTimer);
        touch();
      };
      // A kept-alive socket is already connected (and past its TLS handshake).
      if (request.reusedSocket) connected();
      else socket.once(secure ? 'secureConnect' : 'connect', connected);
    });
    request.on('error', (error) => {
      done();
      reject(failure ?? classify(error));
    });
    request.on('response', (response) => {
      touch();
      const body: AsyncIterable<Uint8Array> = {
        async *[Symbol.asyncIterator]() {
          try {
            for await (const chunk of response) {
              touch();
              yield chunk as Uint8Array;
            }
            if (failure) throw failure;
            if (!response.complete)
              throw new TransportError('network', 'the server closed the connection mid-response');
          } catch (error) {
            throw failure ?? classify(error);
          } finally {
            done();
          }
        },
      };
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        body,
        async text(limit = 1 << 20) {
          let out = '';
          for await (const chunk of body) {
            out += Buffer.from(chunk).toString('utf8');
            if (out.length > limit) break;
          }
          return out.slice(0, limit);
        },
        close() {
          done();
          response.destroy();
        },
      });
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    request.end(options.body);
  });
}
