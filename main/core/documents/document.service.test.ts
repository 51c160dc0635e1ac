import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { plainToRichDoc, type DocumentContent, type RichDoc } from '../../../common/documents';
import { AppError } from '../../../common/errors';
import { repoRoot } from '../app/app-version';
import type { VaultService } from '../vault';
import { createTestVault, tempDir, TEST_PASSPHRASE } from '../vault/test-support';
import { toAppError } from '../vault-session/vault-error-mapping';
import { createDocumentService, type DocumentService } from './document.service';
import { loadTemplates } from './template-registry';

let vault: VaultService;
let service: DocumentService;
let cleanup: () => Promise<void>;
let now = Date.parse('2026-12-06T08:00:00Z');

beforeAll(async () => {
  const dir = await tempDir('documents-');
  cleanup = dir.cleanup;
  vault = await createTestVault(join(dir.path, 'vault'));
  service = createDocumentService({
    repo: () => vault.documents,
    templates: await loadTemplates({ builtinDir: join(repoRoot, 'templates') }),
    verifyPassphrase: async (p) => {
      try {
        await vault.verifyPassphrase(p);
      } catch (error) {
        throw toAppError(error);
      }
    },
    clock: { now: () => new Date((now += 1000)) },
  });
});
afterAll(async () => {
  await vault.lock();
  await cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const text = (s: string): RichDoc => plainToRichDoc(s);

describe('document service', () => {
  it('creates a document from a template as version 1 with its default rows', async () => {
    const doc = await service.create({ templateId: 'manufacturing.qc-inspection' }, 'alice');
    expect(doc).toMatchObject({ version: 1, latestVersion: 1, industry: 'manufacturing', locked: false });
    expect(doc.content.owner).toBe('alice');
    expect(doc.content.values.measurements).toMatchObject({ rows: expect.any(Array) as unknown[] });
    expect(await service.facts(doc.id)).toMatchObject({
      owner: 'alice',
      state: 'draft',
      classification: 'internal',
    });
  });

  it('every save is a version; an unchanged save makes none', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note', title: 'Visit' }, 'alice');
    const s1 = await service.save(
      { id: doc.id, baseVersion: 1, edit: { values: { subjectiveText: text('Cough for 3 days') } } },
      'alice',
    );
    expect(s1.document.version).toBe(2);
    const s2 = await service.save(
      { id: doc.id, baseVersion: 2, edit: { values: { subjectiveText: text('Cough for 3 days') } } },
      'alice',
    );
    expect(s2.document.version).toBe(2);
    expect((await service.versions(doc.id)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('keeps out-of-range values and flags them', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note' }, 'alice');
    const { document } = await service.save(
      { id: doc.id, baseVersion: 1, edit: { values: { heartRate: 320, systolic: 210 } } },
      'alice',
    );
    expect(document.content.values.heartRate).toBe(320);
    expect(document.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fieldId: 'heartRate', severity: 'error', code: 'out_of_range' }),
        expect.objectContaining({ fieldId: 'systolic', severity: 'warning', code: 'implausible' }),
      ]),
    );
  });

  it('merges saves from two windows field-wise and refuses the same field changed twice', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note' }, 'alice');
    // Window A and window B both start from version 1.
    await service.save({ id: doc.id, baseVersion: 1, edit: { values: { heartRate: 72 } } }, 'alice');
    const merged = await service.save(
      { id: doc.id, baseVersion: 1, edit: { values: { temperature: 37.2 } } },
      'alice',
    );
    expect(merged.mergedFields).toEqual(['heartRate']);
    expect(merged.document.content.values).toMatchObject({ heartRate: 72, temperature: 37.2 });
    const conflict = await rejection(
      service.save({ id: doc.id, baseVersion: 1, edit: { values: { heartRate: 80 } } }, 'alice'),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain('Heart rate');
    expect((await service.get(doc.id)).content.values.heartRate).toBe(72);
  });

  it('sanitises rich text on save: scripts, unknown marks and javascript: links are dropped', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note' }, 'alice');
    const dirty = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { onclick: 'alert(1)' },
          content: [
            {
              type: 'text',
              text: 'Hello',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'bold' }],
            },
          ],
        },
        { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
        { type: 'iframe', attrs: { src: 'https://evil.example' } },
      ],
    } as RichDoc;
    const { document, sanitized } = await service.save(
      { id: doc.id, baseVersion: 1, edit: { values: { planText: dirty } } },
      'alice',
    );
    expect(sanitized).toBeGreaterThan(0);
    const json = JSON.stringify(document.content.values.planText);
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('onclick');
    expect(json).not.toContain('script');
    expect(json).not.toContain('iframe');
    expect(json).toContain('"bold"');
  });

  it('refuses a 5 MB paste with a clear limit error and unknown fields by name', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note' }, 'alice');
    const big = await rejection(
      service.save(
        { id: doc.id, baseVersion: 1, edit: { values: { planText: text('x'.repeat(5 * 1024 * 1024)) } } },
        'alice',
      ),
    );
    expect(big.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.message).toMatch(/5\.0 MB; the limit is 2\.0 MB/);
    const unknown = await rejection(
      service.save({ id: doc.id, baseVersion: 1, edit: { values: { nope: 'x' } } }, 'alice'),
    );
    expect(unknown).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'edit.values.nope' });
    const wrongType = await rejection(
      service.save({ id: doc.id, baseVersion: 1, edit: { values: { heartRate: 'fast' } } }, 'alice'),
    );
    expect(wrongType.code).toBe('INVALID_ARGUMENT');
  });

  it('diffs two versions word by word and restores an old one as a new version', async () => {
    const doc = await service.create({ templateId: 'healthcare.soap-note' }, 'alice');
    await service.save(
      { id: doc.id, baseVersion: 1, edit: { values: { planText: text('Start metformin 500 mg daily') } } },
      'alice',
    );
    await service.save(
      {
        id: doc.id,
        baseVersion: 2,
        edit: { values: { planText: text('Start metformin 1000 mg twice daily') } },
      },
      'alice',
    );
    const { changes } = await service.diff(doc.id, 2, 3);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ fieldId: 'planText', wordsAdded: 2, wordsRemoved: 1 });
    expect(changes[0]!.parts).toEqual(
      expect.arrayContaining([
        { kind: 'removed', text: '500' },
        { kind: 'added', text: '1000' },
      ]),
    );
    const restored = await service.restore({ id: doc.id, version: 2, baseVersion: 3 }, 'alice');
    expect(restored.version).toBe(4);
    expect(JSON.stringify(restored.content.values.planText)).toContain('500 mg daily');
    expect(
      await rejection(service.restore({ id: doc.id, version: 2, baseVersion: 3 }, 'alice')),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('signs after re-authentication, locks, refuses saves, and amends as a new draft', async () => {
    const doc = await service.create({ templateId: 'healthcare.referral-letter' }, 'alice');
    const values: DocumentContent['values'] = {
      toService: 'Cardiology',
      fromClinician: 'Dr A. Smith',
      date: '2026-12-06',
      urgency: 'soon',
      reason: text('Exertional chest pain; please assess for stable angina.'),
      medications: text('Aspirin 75 mg daily. No known allergies.'),
    };
    // Sign-off needs the required fields first.
    const missing = await rejection(
      service.sign({ id: doc.id, version: 1, meaning: 'author', passphrase: TEST_PASSPHRASE }, 'alice'),
    );
    expect(missing.code).toBe('INVALID_ARGUMENT');
    expect(missing.message).toContain('required before sign-off');
    const { document: saved } = await service.save({ id: doc.id, baseVersion: 1, edit: { values } }, 'alice');

    const wrong = await rejection(
      service.sign({ id: doc.id, version: saved.version, meaning: 'author', passphrase: 'not it' }, 'alice'),
    );
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect((await service.get(doc.id)).locked).toBe(false);

    const { document: signed, signature } = await service.sign(
      { id: doc.id, version: saved.version, meaning: 'author', passphrase: TEST_PASSPHRASE },
      'alice',
    );
    expect(signed.locked).toBe(true);
    expect(signature).toMatchObject({ meaning: 'author', signer: 'alice', version: saved.version });
    expect(signature.versionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await service.facts(doc.id)).toMatchObject({ state: 'signed' });

    const locked = await rejection(
      service.save(
        { id: doc.id, baseVersion: signed.version, edit: { values: { ...values, urgency: 'urgent' } } },
        'alice',
      ),
    );
    expect(locked.code).toBe('DOCUMENT_LOCKED');

    // A reviewer may still co-sign the locked version.
    const cosigned = await service.sign(
      { id: doc.id, version: signed.version, meaning: 'reviewer', passphrase: TEST_PASSPHRASE },
      'bob',
    );
    expect(cosigned.document.content.signatures).toHaveLength(2);
    expect(cosigned.signature.versionHash).toBe(signature.versionHash);

    const amended = await service.amend(doc.id, 'alice');
    expect(amended).toMatchObject({
      locked: false,
      content: { amends: { version: cosigned.document.version } },
    });
    expect(amended.content.signatures).toBeUndefined();
    const edited = await service.save(
      { id: doc.id, baseVersion: amended.version, edit: { values: { ...values, urgency: 'urgent' } } },
      'alice',
    );
    expect(edited.document.content.values.urgency).toBe('urgent');
    // The signed version stays in the history, signed.
    expect((await service.get(doc.id, signed.version)).locked).toBe(true);
  });

  it('opens demo documents saved before templates, by section title', async () => {
    const { id } = await vault.documents.save({
      title: 'Legacy',
      templateId: 'healthcare.soap-note',
      industry: 'healthcare',
      classification: 'phi',
      body: JSON.stringify({
        type: 'starring-document',
        v: 1,
        templateId: 'healthcare.soap-note',
        sections: [{ title: 'Plan', text: 'Recheck in 3 months' }],
      }),
    });
    const doc = await service.get(id);
    expect(JSON.stringify(doc.content.values.planText)).toContain('Recheck in 3 months');
  });
});
