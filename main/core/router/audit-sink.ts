import type { AuditEvent } from '../../../common/contract';
import type { Clock } from '../clock';

export interface AuditRecord {
  actor: string;
  action: string;
  /** allow/deny: the authorization decision; success/failure: how an allowed act ended (when it matters). */
  outcome: 'allow' | 'deny' | 'success' | 'failure';
  reason: string;
  policyId: string;
  /** Facts about the act (error code, model id, prompt hash) — never document content. */
  details?: Record<string, string | number | boolean>;
}

/** The router's audit stage writes here. The audit issue replaces it with the hash-chained log. */
export interface AuditSink {
  readonly store: 'memory' | 'vault';
  record(record: AuditRecord): Promise<void> | void;
  recent(limit: number): Promise<AuditEvent[]> | AuditEvent[];
}

/**
 * Keeps this session's audit events in memory (bounded), newest last. Explicitly named so no one
 * mistakes it for the tamper-evident log: nothing here survives a restart.
 */
export function createMemoryAuditSink(clock: Clock, capacity = 10_000): AuditSink {
  const events: AuditEvent[] = [];
  let seq = 0;
  return {
    store: 'memory',
    record(record) {
      seq += 1;
      events.push({
        seq,
        ts: clock.now().toISOString(),
        actor: record.actor,
        action: record.action,
        outcome: record.outcome === 'success' ? 'allow' : record.outcome,
        reason: record.reason,
      });
      if (events.length > capacity) events.splice(0, events.length - capacity);
    },
    recent(limit) {
      return events.slice(-limit).reverse();
    },
  };
}
