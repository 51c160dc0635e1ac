import type { ChannelName, EventOf, ParsedRequestOf, ReplyOf, StreamName } from '../../../common/contract';
import type { CallContext } from './call-context';

/** One handler per channel: the router calls it only after validate → authorize → audit. */
export type ChannelHandlers = {
  [K in ChannelName]: (request: ParsedRequestOf<K>, context: CallContext) => Promise<ReplyOf<K>> | ReplyOf<K>;
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
  ) => Promise<void>;
};
