/**
 * The Audit view's channels: browse the log (infinite scroll), check its integrity, and export a
 * signed bundle with progress. Every call is itself audited. To be merged into `contract` (index.ts).
 */
import { z } from 'zod';
import { AuditEntry, AuditOutcome, Hex64 } from '../audit/entry.schema';
import { channel, stream } from './define';

/** A point of the chain: entry `seq` hashes to `hash` (seq 0 and 64 zeros for an empty log). */
export const AuditChainPoint = z.strictObject({
  seq: z.number().int().nonnegative(),
  hash: Hex64,
});
export type AuditChainPoint = z.infer<typeof AuditChainPoint>;

/** Any ISO 8601 date-time with an offset (`Z` or `+08:00`); the log compares instants, not text. */
const Instant = z.iso.datetime({ offset: true });

/** The Audit view's export filter; entries outside it are redacted in the bundle. */
export const AuditExportRequest = z
  .strictObject({
    from: Instant.optional(),
    to: Instant.optional(),
    actors: z.array(z.string().min(1).max(320)).max(100).optional(),
    actions: z.array(z.string().min(1).max(128)).max(100).optional(),
  })
  .refine((q) => !(q.from && q.to) || Date.parse(q.from) < Date.parse(q.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type AuditExportRequest = z.input<typeof AuditExportRequest>;

export const AuditQueryRequest = z
  .strictObject({
    /** Inclusive lower bound on the entry time. */
    from: Instant.optional(),
    /** Exclusive upper bound on the entry time. */
    to: Instant.optional(),
    actor: z.string().min(1).max(320).optional(),
    action: z.string().min(1).max(128).optional(),
    outcome: AuditOutcome.optional(),
    /** 'desc' = newest first (pages continue with beforeSeq); 'asc' pages continue with afterSeq. */
    order: z.enum(['asc', 'desc']).default('desc'),
    afterSeq: z.number().int().nonnegative().optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !(q.from && q.to) || Date.parse(q.from) < Date.parse(q.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type AuditQueryRequest = z.input<typeof AuditQueryRequest>;

export const AuditQueryReply = z.strictObject({
  entries: z.array(AuditEntry).max(500),
  /** Cursor for the next page (afterSeq for asc, beforeSeq for desc); null at the end. */
  next: z.number().int().nonnegative().nullable(),
});
export type AuditQueryReply = z.infer<typeof AuditQueryReply>;

export const AuditChainStatus = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ok'),
    count: z.number().int().nonnegative(),
    head: AuditChainPoint,
    anchor: AuditChainPoint,
    checkpoints: z.number().int().nonnegative(),
  }),
  z.strictObject({
    status: z.literal('broken'),
    count: z.number().int().nonnegative(),
    head: AuditChainPoint,
    anchor: AuditChainPoint,
    checkpoints: z.number().int().nonnegative(),
    /** The first failure: the entry (or checkpoint) seq and what is wrong. */
    failure: z.strictObject({
      seq: z.number().int().nonnegative().optional(),
      message: z.string().max(1_000),
    }),
  }),
]);
export type AuditChainStatus = z.infer<typeof AuditChainStatus>;

export const AuditExportEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('done'),
    /** Where main saved the bundle (chosen by the user in a save dialog, not by the renderer). */
    path: z.string().max(4_096),
    bytes: z.number().int().nonnegative(),
    sha256: Hex64,
    entries: z.number().int().nonnegative(),
    disclosed: z.number().int().nonnegative(),
    redacted: z.number().int().nonnegative(),
  }),
]);
export type AuditExportEvent = z.infer<typeof AuditExportEvent>;

export const auditContract = {
  'audit.query': channel({
    summary: 'A page of audit entries matching time, actor, action and outcome filters, for infinite scroll.',
    request: AuditQueryRequest,
    reply: AuditQueryReply,
    audited: true,
  }),
  'audit.verifyChain': channel({
    summary:
      'Verifies the whole local audit chain (links, hashes, checkpoints) and reports the first failure.',
    request: z.strictObject({}),
    reply: AuditChainStatus,
    audited: true,
  }),
  'audit.exportBundle': stream({
    summary:
      'Exports a signed audit bundle for a time range, users or actions (others redacted); streams progress, then the result.',
    request: AuditExportRequest,
    event: AuditExportEvent,
    audited: true,
  }),
};
