/**
 * How a failed exchange with the on-prem server is judged: the error the caller sees, whether a
 * retry can help (only before any token reached the caller), and whether it says the server is
 * unhealthy (which feeds the circuit breaker; a wrong token or a cancel does not).
 */
import { AppError } from '../../../../common/errors';
import { TransportError } from './http-transport';
import { HttpStatusError, ProtocolError, ServerReportedError } from './openai-wire';

/** The judgement on one failed attempt. */
export interface FailureVerdict {
  error: AppError;
  retryable: boolean;
  unhealthy: boolean;
  retryAfterMs?: number;
}

/** Thrown when the server closed a stream before `[DONE]`. */
export class StreamCutError extends Error {
  constructor() {
    super('the server closed the stream before it finished');
    this.name = 'StreamCutError';
  }
}

const unavailable = (
  message: string,
  reason: string,
  extra: Record<string, string | number> = {},
): AppError => new AppError('MODEL_UNAVAILABLE', message, { details: { reason, ...extra } });

/** Classifies a failure; `tokensDelivered` > 0 forbids retrying. */
export function judgeFailure(error: unknown, host: string, tokensDelivered: number): FailureVerdict {
  const server = `The on-prem model server (${host})`;
  if (error instanceof AppError) return { error, retryable: false, unhealthy: false };
  if (error instanceof TransportError && error.kind === 'aborted') {
    return {
      error: new AppError('CANCELLED', 'The request was cancelled.'),
      retryable: false,
      unhealthy: false,
    };
  }
  if (tokensDelivered > 0) {
    // Part of the answer is already on the user's screen: a retry would repeat or contradict it.
    const cause = error instanceof Error ? error.message : String(error);
    return {
      error: unavailable(
        `${server} stopped mid-answer (${cause}); the answer is incomplete.`,
        'interrupted',
        {
          tokensDelivered,
        },
      ),
      retryable: false,
      unhealthy: true,
    };
  }
  if (error instanceof TransportError) {
    switch (error.kind) {
      case 'connect-timeout':
        return {
          error: unavailable(`${server} did not accept a connection in time.`, 'timeout'),
          retryable: true,
          unhealthy: true,
        };
      case 'idle-timeout':
        return {
          error: unavailable(`${server} stopped responding (${error.message}).`, 'timeout'),
          retryable: true,
          unhealthy: true,
        };
      case 'tls':
        return {
          error: unavailable(
            `${server} presented a certificate this device does not trust (${error.code ?? 'TLS error'}). Check the organisation's CA certificate setting.`,
            'tls',
          ),
          retryable: false,
          unhealthy: false,
        };
      case 'network':
        return {
          error: unavailable(`${server} could not be reached (${error.code ?? error.message}).`, 'network'),
          retryable: true,
          unhealthy: true,
        };
    }
  }
  if (error instanceof StreamCutError) {
    return {
      error: unavailable(`${server} closed the stream before answering.`, 'interrupted'),
      retryable: true,
      unhealthy: true,
    };
  }
  if (error instanceof HttpStatusError) {
    const { status } = error;
    if (status === 401 || status === 403) {
      return {
        error: unavailable(`${server} refused the app's credentials (${error.message}).`, 'unauthorized'),
        retryable: false,
        unhealthy: false,
      };
    }
    const transient = status === 429 || status >= 500;
    return {
      error: unavailable(
        `${server} answered with an error (${error.message}).`,
        transient ? 'server-error' : 'rejected',
        { status },
      ),
      retryable: transient,
      unhealthy: transient,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (error instanceof ServerReportedError) {
    return {
      error: unavailable(`${server} reported that its model failed: ${error.message}`, 'server-model-error'),
      retryable: false,
      unhealthy: false,
    };
  }
  if (error instanceof ProtocolError) {
    return {
      error: unavailable(`${server} sent a malformed response: ${error.message}.`, 'protocol'),
      retryable: false,
      unhealthy: true,
    };
  }
  return {
    error: unavailable(
      `${server} failed: ${error instanceof Error ? error.message : String(error)}.`,
      'unknown',
    ),
    retryable: false,
    unhealthy: true,
  };
}
