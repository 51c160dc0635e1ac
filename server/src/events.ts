import { EventEmitter } from 'node:events';

/** Server-wide events, for webhooks and SIEM. Emitted after the transaction that caused them commits. */
export interface ServerEventMap {
  'tenant.created': [{ tenant: string }];
  'device.enrolled': [{ tenant: string; device: string; name: string; at: string }];
  'device.revoked': [{ tenant: string; device: string; at: string }];
}

export type ServerEvents = EventEmitter<ServerEventMap>;

export function createServerEvents(): ServerEvents {
  return new EventEmitter<ServerEventMap>();
}
