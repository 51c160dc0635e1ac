import { describe, expect, it } from 'vitest';
import {
  auditContract,
  AuditChainStatus,
  AuditExportEvent,
  AuditQueryReply,
} from '../../common/contract/audit.contract';
import { createTestLog } from '../../main/core/audit/audit-fixtures.testkit';

describe('audit contract (Audit view channels)', () => {
  it('declares audited query, verifyChain and an exportBundle stream', () => {
    expect(Object.keys(auditContract).sort()).toEqual([
      'audit.exportBundle',
      'audit.query',
      'audit.verifyChain',
    ]);
    expect(auditContract['audit.query'].kind).toBe('channel');
    expect(auditContract['audit.verifyChain'].kind).toBe('channel');
    expect(auditContract['audit.exportBundle'].kind).toBe('stream');
    for (const spec of Object.values(auditContract)) expect(spec.audited).toBe(true);
  });

  it('validates and bounds query requests', () => {
    const request = auditContract['audit.query'].request;
    expect(request.parse({})).toEqual({ order: 'desc', limit: 100 });
    expect(request.safeParse({ limit: 501 }).success).toBe(false);
    expect(request.safeParse({ outcome: 'maybe' }).success).toBe(false);
    expect(request.safeParse({ sql: 'drop table' }).success).toBe(false);
    expect(
      request.safeParse({ from: '2026-11-25T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }).success,
    ).toBe(false);
    expect(request.safeParse({ actor: 'x'.repeat(321) }).success).toBe(false);
    expect(
      auditContract['audit.exportBundle'].request.safeParse({ actors: Array(101).fill('a') }).success,
    ).toBe(false);
  });

  it('accepts what the log returns as replies and events', async () => {
    const { log } = await createTestLog(30);
    const page = await log.query({ limit: 10 });
    expect(AuditQueryReply.parse(page).entries).toHaveLength(10);
    const report = await log.verifyChain();
    const status = AuditChainStatus.parse({
      status: report.ok ? 'ok' : 'broken',
      count: report.count,
      head: report.head,
      anchor: report.anchor,
      checkpoints: report.checkpoints,
    });
    expect(status.status).toBe('ok');
    expect(AuditExportEvent.safeParse({ type: 'progress', done: 5, total: 10 }).success).toBe(true);
    expect(
      AuditExportEvent.safeParse({
        type: 'done',
        path: '/x.zip',
        bytes: 1,
        sha256: 'a'.repeat(64),
        entries: 1,
        disclosed: 1,
        redacted: 0,
      }).success,
    ).toBe(true);
  });
});
