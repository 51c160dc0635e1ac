/**
 * Documents through the whole core: contract validation, Cedar policy (own documents, signed is
 * final), the audit log (signing and failed re-authentication are recorded), the vault.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentView, ReplyOf } from '../../common/contract';
import { plainToRichDoc } from '../../common/documents';
import { createCore, type Core } from '../../main/core/core';
import type { CallContext } from '../../main/core/router/call-context';

const STRONG = 'correct horse battery staple ward 7';
const ctx: CallContext = { transport: 'test', actor: 'dr.li@hospital.example', origin: 'window-a' };
const other: CallContext = { ...ctx, actor: 'someone.else@hospital.example', origin: 'window-c' };
let dir: string;
let core: Core;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-documents-'));
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
  });
  await core.router.invoke(ctx, 'vault.create', { passphrase: STRONG });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

async function ok<T>(
  promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const call = (channel: string, request: unknown, context = ctx) =>
  core.router.invoke(context, channel, request);

describe('documents through the router', () => {
  it('lists the shipped templates by industry and returns one in full', async () => {
    const all = await ok<ReplyOf<'templates.list'>>(call('templates.list', {}));
    expect(all.items.length).toBeGreaterThanOrEqual(14);
    expect(all.problems).toEqual([]);
    const mfg = await ok<ReplyOf<'templates.list'>>(call('templates.list', { industry: 'manufacturing' }));
    expect(mfg.items.every((t) => t.industry === 'manufacturing')).toBe(true);
    const qc = await ok<ReplyOf<'templates.get'>>(
      call('templates.get', { id: 'manufacturing.qc-inspection' }),
    );
    expect(qc.template.sections.length).toBeGreaterThan(1);
  });

  it('create → save (two windows) → versions → diff → restore → sign (wrong, right) → locked → amend, all audited', async () => {
    const created = await ok<DocumentView>(
      call('documents.create', { templateId: 'healthcare.soap-note', title: 'Follow-up' }),
    );
    const id = created.id;
    const saveA = await ok<ReplyOf<'documents.save'>>(
      call('documents.save', {
        id,
        baseVersion: 1,
        edit: { values: { heartRate: 72, planText: plainToRichDoc('Review in 2 weeks') } },
      }),
    );
    expect(saveA.document.version).toBe(2);
    // Window B still on version 1 edits another field: merged.
    const saveB = await ok<ReplyOf<'documents.save'>>(
      call(
        'documents.save',
        { id, baseVersion: 1, edit: { values: { temperature: 41.5 } } },
        { ...ctx, origin: 'window-b' },
      ),
    );
    expect(saveB.mergedFields).toEqual(expect.arrayContaining(['heartRate', 'planText']));
    expect(saveB.document.issues).toContainEqual(
      expect.objectContaining({ fieldId: 'temperature', severity: 'warning' }),
    );
    // Same field from a stale base: conflict.
    expect(
      await call('documents.save', { id, baseVersion: 1, edit: { values: { heartRate: 90 } } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const versions = await ok<ReplyOf<'documents.versions'>>(call('documents.versions', { id }));
    expect(versions.items.map((v) => v.version)).toEqual([1, 2, 3]);
    const diff = await ok<ReplyOf<'documents.diff'>>(call('documents.diff', { id, from: 1, to: 3 }));
    expect(diff.changes.map((c) => c.fieldId)).toEqual(['heartRate', 'temperature', 'planText']);

    const restored = await ok<DocumentView>(call('documents.restore', { id, version: 2, baseVersion: 3 }));
    expect(restored.version).toBe(4);
    expect(restored.content.values.temperature).toBeUndefined();

    // Fill what sign-off needs.
    const text = plainToRichDoc('x');
    const ready = await ok<ReplyOf<'documents.save'>>(
      call('documents.save', {
        id,
        baseVersion: 4,
        edit: {
          values: {
            ...restored.content.values,
            visitDate: '2026-12-06',
            clinician: 'Dr Li',
            systolic: 128,
            diastolic: 78,
            subjectiveText: text,
            assessmentText: text,
          },
        },
      }),
    );
    const version = ready.document.version;
    expect(
      await call('documents.sign', { id, version, meaning: 'author', passphrase: 'wrong passphrase' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    const signed = await ok<ReplyOf<'documents.sign'>>(
      call('documents.sign', { id, version, meaning: 'author', passphrase: STRONG }),
    );
    expect(signed.document.locked).toBe(true);
    // Policy: signed is final (the built-in policy forbids "write" on a signed document).
    const refused = await call('documents.save', {
      id,
      baseVersion: signed.document.version,
      edit: { values: {} },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    const amended = await ok<DocumentView>(call('documents.amend', { id }));
    expect(amended).toMatchObject({
      locked: false,
      content: { amends: { version: signed.document.version } },
    });

    const page = await ok<{
      entries: { action: string; outcome: string; details?: Record<string, unknown> }[];
    }>(call('audit.query', { order: 'asc' }));
    const trail = page.entries.map((e) => `${e.action}:${e.outcome}`);
    expect(trail).toEqual(
      expect.arrayContaining([
        'documents.create:success',
        'documents.restore:success',
        'documents.sign:failure',
        'documents.sign:success',
        'documents.save:deny',
        'documents.amend:success',
      ]),
    );
    const signEntry = page.entries.find((e) => e.action === 'documents.sign' && e.outcome === 'success');
    expect(signEntry?.details).toMatchObject({
      meaning: 'author',
      versionHash: signed.signature.versionHash,
    });
  });

  it("refuses other people's documents under the built-in policy and oversize saves by contract", async () => {
    const created = await ok<DocumentView>(call('documents.create', { templateId: 'business.report' }));
    expect(await call('documents.get', { id: created.id }, other)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED' },
    });
    const big = await call('documents.save', {
      id: created.id,
      baseVersion: 1,
      edit: { values: { findings: plainToRichDoc('y'.repeat(3 * 1024 * 1024)) } },
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
