import type { Transport } from '../../../common/contract';

/** Who is calling, as established by the transport before the router sees the call. */
export interface CallContext {
  transport: Transport;
  /** The signed-in user, or the single local user until identity arrives. */
  actor: string;
  /** One id per window or socket, so its subscriptions end with it. */
  origin: string;
}
