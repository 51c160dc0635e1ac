/**
 * The sync loop of one enrolled, unlocked device: check the server is there, push the audit log
 * after the server's head, pull policy when its ETag changed, then wait the policy's audit-sync
 * interval — or, after a failure, an exponential backoff with full jitter. A policy event from the
 * server's SSE stream pulls at once; the stream dropping triggers an attempt, which is how the
 * device notices quickly that the server went away. Only audit entries and the policy request ever
 * leave the device: documents have no path into this module.
 */
import { AppError } from '../../../common/errors';
import type { PolicyReply } from '../../../common/sync/server-api';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { pushAudit } from './audit-push';
import { backoffDelay, defaultBackoff } from './backoff';
import { failureReason, type ServerClient, type SyncFailureReason } from './server-client';

/** An event stream shorter than this was refused or cut at once; its end is not news. */
const MIN_HELD_STREAM_MS = 2_000;

export interface SyncSnapshot {
  /** null until the first attempt finished. */
  online: boolean | null;
  phase: 'idle' | 'syncing' | 'error';
  lastSyncAt: string | null;
  lastError: { reason: SyncFailureReason | 'internal'; message: string } | null;
  /** Local entries no receipt covers yet. */
  pending: number;
  nextAttemptAt: string | null;
  /** Consecutive failed attempts (the backoff exponent). */
  failures: number;
}

/** setTimeout / clearTimeout, injected so tests drive time without sleeping. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set(callback, ms) {
    const handle = setTimeout(callback, ms);
    // A pending sync must never keep a process (CLI, tests) alive.
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SyncEngineOptions {
  log: AuditLog;
  client: ServerClient;
  receiptPublicKeyPem: string;
  /** Hands a newer bundle to the policy runtime (which verifies it and refuses rollbacks). */
  installPolicy(reply: PolicyReply): Promise<void>;
  /** The bundle version in force, so a known bundle is not re-offered. */
  policyVersion(): number;
  clock: Clock;
  /** The policy's audit-sync interval. */
  intervalMs(): number;
  random?: () => number;
  timers?: Timers;
  backoff?: { baseMs: number; capMs: number };
  /** Subscribe to the server's policy events while online (default true). */
  events?: boolean;
  onChange?(snapshot: SyncSnapshot): void;
}

export interface SyncEngine {
  /** Runs an attempt now and keeps the schedule going. */
  start(): void;
  /** Cancels the schedule and the event stream; waits for an attempt in flight. */
  stop(): Promise<void>;
  /** An attempt now (joining one in flight first); never throws — the snapshot says how it went. */
  syncNow(): Promise<SyncSnapshot>;
  snapshot(): SyncSnapshot;
}

/** Entries after the highest receipt: what still waits for the server. */
export function pendingEntries(log: AuditLog): number {
  let covered = log.anchor().seq;
  for (const { receipt } of log.receipts()) covered = Math.max(covered, receipt.to);
  return Math.max(0, log.head().seq - covered);
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  let state: Omit<SyncSnapshot, 'pending'> = {
    online: null,
    phase: 'idle',
    lastSyncAt: null,
    lastError: null,
    nextAttemptAt: null,
    failures: 0,
  };
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = true;
  let etag: string | undefined;
  let events: AbortController | undefined;

  const snapshot = (): SyncSnapshot => ({ ...state, pending: pendingEntries(options.log) });

  function set(patch: Partial<typeof state>): void {
    state = { ...state, ...patch };
    options.onChange?.(snapshot());
  }

  function schedule(ms: number): void {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    if (stopped) {
      set({ nextAttemptAt: null });
      return;
    }
    timer = timers.set(() => {
      timer = undefined;
      void attempt();
    }, ms);
    set({ nextAttemptAt: new Date(options.clock.now().getTime() + ms).toISOString() });
  }

  async function pullPolicy(): Promise<void> {
    const result = await options.client.policy(etag);
    if (result.kind === 'unchanged') return;
    if (result.reply.version > options.policyVersion()) await options.installPolicy(result.reply);
    etag = result.etag;
  }

  function openEvents(): void {
    if (events || stopped || options.events === false) return;
    const controller = new AbortController();
    events = controller;
    const onEvent = (event: { version: number }) => {
      if (event.version > options.policyVersion()) void pullPolicy().catch(() => undefined);
    };
    const openedAt = options.clock.now().getTime();
    options.client
      .policyEvents(onEvent, controller.signal)
      .catch(() => undefined)
      .finally(() => {
        if (events === controller) events = undefined;
        // A stream that held and then ended means the server went away (or restarted): find out now.
        // One that ends at once (a server without events) waits for the schedule instead of looping.
        const held = options.clock.now().getTime() - openedAt >= MIN_HELD_STREAM_MS;
        if (held && !controller.signal.aborted && !stopped) void attempt();
      });
  }

  async function runOnce(): Promise<void> {
    set({ phase: 'syncing' });
    try {
      await options.client.health();
      set({ online: true });
      await pushAudit(options.log, options.client, options.receiptPublicKeyPem, () => set({}));
      await pullPolicy();
      set({ phase: 'idle', lastSyncAt: options.clock.now().toISOString(), lastError: null, failures: 0 });
      openEvents();
      schedule(options.intervalMs());
    } catch (error) {
      const reason = failureReason(error);
      const failures = state.failures + 1;
      set({
        phase: 'error',
        failures,
        // Unreachable, or reachable but not under our CA: either way we are not talking to our server.
        online: reason === 'unreachable' || reason === 'wrong-ca' ? false : state.online,
        lastError: {
          reason: reason ?? 'internal',
          message: error instanceof AppError ? error.message : 'Sync failed unexpectedly.',
        },
      });
      if (reason === undefined && !(error instanceof AppError)) console.error('[sync] attempt failed', error);
      schedule(backoffDelay(failures, { ...backoff, random }));
    }
  }

  function attempt(): Promise<void> {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void attempt();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      events?.abort();
      events = undefined;
      await running;
      state = { ...state, nextAttemptAt: null };
    },
    async syncNow() {
      if (running) await running;
      await attempt();
      return snapshot();
    },
    snapshot,
  };
}
