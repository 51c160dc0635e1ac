import { z } from 'zod';

/**
 * The envelope both transports carry. Contract payloads inside stay `unknown` until the router
 * validates them against the channel's own schema.
 */
export const ipcChannels = {
  invoke: 'starring:invoke',
  subscribe: 'starring:subscribe',
  cancel: 'starring:cancel',
  streamMessage: 'starring:stream',
} as const;

/** Largest serialized message a transport accepts; larger ones are refused before parsing. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const CallId = z.string().min(1).max(64);

export const ClientMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('invoke'), id: CallId, channel: z.string().max(128), request: z.unknown() }),
  z.strictObject({
    t: z.literal('subscribe'),
    id: CallId,
    stream: z.string().max(128),
    request: z.unknown(),
  }),
  z.strictObject({ t: z.literal('cancel'), id: CallId, subscription: z.string().max(64) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Server → client: a reply to a call (`id`) or a message on a subscription (`sub`). */
export type ServerMessage =
  { t: 'reply'; id: string; result: unknown } | { t: 'stream'; sub: string; message: unknown };
