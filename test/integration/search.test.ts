/**
 * search.query through the real core and router: full-text over the demo documents, filters,
 * semantic results from the tiny-bert pack (real ONNX graph, random weights: vectors are
 * meaningless, so only their presence is asserted), and the FTS-only reply without a model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { seedDemo } from '../../main/core/demo/seed-demo';
import { writeTinyPacks } from '../../main/core/models/tiny-packs/tiny-packs';
import type { CallContext } from '../../main/core/router/call-context';
import type { ReplyOf, RequestOf } from '../../common/contract';
import type { Result } from '../../common/errors';

const ctx: CallContext = { transport: 'test', actor: 'local-user', origin: 'w' };

function query(core: Core, request: RequestOf<'search.query'>): Promise<Result<ReplyOf<'search.query'>>> {
  return core.router.invoke(ctx, 'search.query', request) as Promise<Result<ReplyOf<'search.query'>>>;
}

async function startCore(dataDir: string, appModelsDir: string): Promise<Core> {
  const core = await createCore({
    dataDir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
    appModelsDir,
    managedSource: { read: async () => [] },
  });
  await core.vault.create({ passphrase: 'quiet-otter-lantern-47-harbor', useOsKeystore: false });
  await seedDemo(core.vault.unlocked(), {});
  return core;
}

describe('search.query (no embedding model)', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'starring-search-'));
    core = await startCore(dir, join(dir, 'no-models'));
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds documents by words in title or body, ranked, and says it is full-text only', async () => {
    const r = await query(core, { text: 'metformin' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.items.map((i) => i.document.title)).toEqual([
      'SOAP progress note — follow-up, type 2 diabetes',
    ]);
    expect(r.value.items[0]!.sources).toEqual(['text']);
    expect(r.value.semantic.state).toBe('unavailable');
    expect(r.value.semantic.reason).toMatch(/full-text search only/);
  });

  it('narrows by industry and classification filters', async () => {
    const all = await query(core, { text: 'patient' });
    const phi = await query(core, {
      text: 'patient',
      filters: { classifications: ['phi'], industries: ['healthcare'] },
    });
    if (!all.ok || !phi.ok) throw new Error('search failed');
    expect(phi.value.total).toBeGreaterThan(0);
    expect(phi.value.total).toBeLessThan(all.value.total);
    expect(phi.value.items.every((i) => i.document.classification === 'phi')).toBe(true);
  });

  it('refuses malformed filters with the field named', async () => {
    const r = await query(core, { text: 'x', filters: { updatedFrom: 'yesterday' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const unknown = await query(core, { text: 'x', sql: 'DROP' } as unknown as RequestOf<'search.query'>);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('takes FTS syntax as plain words', async () => {
    const r = await query(core, { text: 'seal" OR * NEAR(' });
    expect(r.ok).toBe(true);
  });
});

describe('search.query with the tiny-bert embedding pack', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'starring-search-sem-'));
    await writeTinyPacks(join(dir, 'packs', 'generated'), ['tiny-bert']);
    core = await startCore(join(dir, 'data'), join(dir, 'packs'));
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes the vault with the model and fuses semantic hits with full-text hits', async () => {
    const r = await query(core, { text: 'inhaler medicine lungs' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.semantic).toMatchObject({ state: 'ready', modelId: 'tiny-bert', pending: 0 });
    expect(r.value.semantic.indexed).toBeGreaterThan(5);
    expect(r.value.items[0]!.document.title).toBe('Patient leaflet — looking after your inhaler');
    expect(r.value.items.some((i) => i.sources.includes('semantic'))).toBe(true);
  });

  it('drops the vectors from memory on lock and reloads them from the vault after unlock', async () => {
    await core.vault.lock();
    await core.vault.unlock({ method: 'passphrase', passphrase: 'quiet-otter-lantern-47-harbor' });
    const r = await query(core, { text: 'torque', mode: 'semantic' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.semantic).toMatchObject({ state: 'ready', pending: 0 });
  });
});
