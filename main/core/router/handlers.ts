import type { ChannelName, EventOf, ParsedRequestOf, ReplyOf, StreamName } from '../../../common/contract';
import type { CallContext } from './call-context';

/** Facts about a completed act for the audit log (model id, pack hash, tokens, prompt hash). */
export type AuditDetails = Record<string, string | number | boolean>;

/**
 * A reply that carries audit details for the router to record with outcome "success". Handlers
 * return facts; only the router writes the audit log.
 */
export class AuditedReply<T> {
  constructor(
    readonly reply: T,
    readonly details: AuditDetails,
  ) {}
}

/** One handler per channel: the router calls it only after validate → authorize → audit. */
export type ChannelHandlers = {
  [K in ChannelName]: (
    request: ParsedRequestOf<K>,
    context: CallContext,
  ) => Promise<ReplyOf<K> | AuditedReply<ReplyOf<K>>> | ReplyOf<K> | AuditedReply<ReplyOf<K>>;
};

/**
 * One producer per stream. It emits events and resolves when done; `signal` aborts on cancel or
 * when the caller's window goes away, and the producer must stop promptly.
 */
export type StreamHandlers = {
  [K in StreamName]: (
    request: ParsedRequestOf<K>,
    context: CallContext,
    emit: (event: EventOf<K>) => void,
    signal: AbortSignal,
  ) => Promise<void | { audit?: AuditDetails }>;
};
