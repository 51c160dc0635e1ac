import type { z } from 'zod';

/**
 * A request/reply channel. `audited` puts the channel on the audit list: the router's audit
 * stage records every call to it, allowed or denied.
 */
export interface ChannelSpec<Req extends z.ZodType, Rep extends z.ZodType> {
  kind: 'channel';
  summary: string;
  request: Req;
  reply: Rep;
  audited: boolean;
}

/** A subscription: the caller opens it with a request, receives events, and may cancel it. */
export interface StreamSpec<Req extends z.ZodType, Evt extends z.ZodType> {
  kind: 'stream';
  summary: string;
  request: Req;
  event: Evt;
  audited: boolean;
}

export function channel<Req extends z.ZodType, Rep extends z.ZodType>(spec: {
  summary: string;
  request: Req;
  reply: Rep;
  audited?: boolean;
}): ChannelSpec<Req, Rep> {
  return { kind: 'channel', audited: false, ...spec };
}

export function stream<Req extends z.ZodType, Evt extends z.ZodType>(spec: {
  summary: string;
  request: Req;
  event: Evt;
  audited?: boolean;
}): StreamSpec<Req, Evt> {
  return { kind: 'stream', audited: false, ...spec };
}
