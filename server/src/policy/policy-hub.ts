/**
 * Tells connected devices that a tenant published a new policy version (the SSE route listens).
 * In-process per tenant; several server instances behind a load balancer would bridge it with
 * PostgreSQL LISTEN/NOTIFY (not wired yet: the foundation's Database has no LISTEN surface).
 */
import { EventEmitter } from 'node:events';

export interface PolicyHub {
  /** Calls `onVersion` for every version the tenant (or, for '*', any tenant) publishes; returns the unsubscribe. */
  subscribe(tenant: string, onVersion: (version: number) => void): () => void;
  publish(tenant: string, version: number): void;
  /** Open subscriptions (for the benchmark and tests). */
  listeners(tenant: string): number;
}

export function createPolicyHub(): PolicyHub {
  const emitter = new EventEmitter();
  // Thousands of devices hold an SSE stream each; that is the design, not a leak.
  emitter.setMaxListeners(0);
  return {
    subscribe(tenant, onVersion) {
      emitter.on(tenant, onVersion);
      return () => emitter.off(tenant, onVersion);
    },
    publish(tenant, version) {
      emitter.emit(tenant, version);
      // '*' hears every tenant (caches that must drop a stale bundle).
      emitter.emit('*', version);
    },
    listeners: (tenant) => emitter.listenerCount(tenant),
  };
}
