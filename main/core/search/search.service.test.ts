import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, tempDir } from '../vault/test-support';
import type { VaultService } from '../vault';
import type { Embedder } from './embedder';
import { createSearchService } from './search.service';

/** A deterministic bag-of-words embedder: words hashed into 64 dims (texts sharing words are near). */
function hashingEmbedder(calls: { texts: number } = { texts: 0 }): Embedder {
  return {
    async embed(texts) {
      calls.texts += texts.length;
      return {
        modelId: 'hash-64',
        vectors: texts.map((t) => {
          const v = new Float32Array(64);
          for (const w of t
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .filter(Boolean)) {
            let h = 2166136261;
            for (const ch of w) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
            v[(h >>> 0) % 64]! += 1;
          }
          return v;
        }),
      };
    },
  };
}

const body = (text: string) =>
  JSON.stringify({ type: 'starring-document', sections: [{ title: 'Notes', text }] });

describe('search service', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let vault: VaultService;

  beforeEach(async () => {
    dir = await tempDir('search-');
    vault = await createTestVault(dir.path);
    const docs = [
      [
        'Hydraulic press seal replacement',
        'manufacturing',
        'internal',
        'Bleed the accumulator, replace the gland seal, torque the bolts.',
      ],
      [
        'Pneumonia discharge summary',
        'healthcare',
        'phi',
        'Amoxicillin for pneumonia; repeat chest X-ray in six weeks.',
      ],
      [
        'Inhaler leaflet',
        'healthcare',
        'public',
        'Shake the inhaler, breathe out, press and breathe in slowly.',
      ],
      [
        'Quarterly business report',
        'business',
        'confidential',
        'Revenue grew; the seal supplier contract was renewed.',
      ],
    ] as const;
    for (const [title, industry, classification, text] of docs) {
      await vault.documents.save({
        title,
        industry,
        classification,
        templateId: `${industry}.t`,
        body: body(text),
      });
    }
  });
  afterEach(async () => {
    await vault.lock();
    await dir.cleanup();
  });

  it('ranks full-text hits by BM25 with the title hit first, and says when semantic is unavailable', async () => {
    const search = createSearchService({ vault: () => vault });
    const r = await search.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    expect(r.items.map((i) => i.document.title)).toEqual([
      'Hydraulic press seal replacement',
      'Quarterly business report',
    ]);
    expect(r.items[0]!.sources).toEqual(['text']);
    expect(r.items[0]!.textScore).toBeGreaterThan(r.items[1]!.textScore!);
    expect(r.semantic.state).toBe('unavailable');
    expect(r.semantic.reason).toMatch(/full-text search only/);
  });

  it('filters by industry, classification, template and date', async () => {
    const search = createSearchService({ vault: () => vault });
    const q = (filters: object) =>
      search
        .query({ text: 'seal', filters, mode: 'text', limit: 10 })
        .then((r) => r.items.map((i) => i.document.title));
    expect(await q({ industries: ['business'] })).toEqual(['Quarterly business report']);
    expect(await q({ classifications: ['internal'] })).toEqual(['Hydraulic press seal replacement']);
    expect(await q({ templateIds: ['manufacturing.t'] })).toEqual(['Hydraulic press seal replacement']);
    expect(await q({ updatedFrom: Date.now() + 60_000 })).toEqual([]);
    expect(await q({ updatedTo: Date.now() + 60_000 })).toHaveLength(2);
  });

  it('lists filtered documents newest first for an empty query', async () => {
    const search = createSearchService({ vault: () => vault });
    const r = await search.query({
      text: '  ',
      filters: { industries: ['healthcare'] },
      mode: 'hybrid',
      limit: 10,
    });
    expect(r.total).toBe(2);
    expect(r.items.every((i) => i.document.industry === 'healthcare')).toBe(true);
  });

  it('adds semantic hits, stores vectors in the vault and re-embeds only changed documents', async () => {
    const calls = { texts: 0 };
    const search = createSearchService({ vault: () => vault, embedder: hashingEmbedder(calls) });
    const r = await search.query({ text: 'breathe slowly', filters: {}, mode: 'hybrid', limit: 10 });
    expect(r.semantic).toMatchObject({ state: 'ready', modelId: 'hash-64', indexed: 4, pending: 0 });
    const top = r.items[0]!;
    expect(top.document.title).toBe('Inhaler leaflet');
    expect(top.sources).toEqual(['text', 'semantic']);
    // A semantic-only match: shares "chest" but the prefix query "chest* xray*" fails on FTS.
    const sem = await search.query({
      text: 'chest xray pneumonia',
      filters: {},
      mode: 'semantic',
      limit: 10,
    });
    expect(sem.items[0]!.document.title).toBe('Pneumonia discharge summary');
    expect(sem.items[0]!.sources).toEqual(['semantic']);

    // Vectors persisted: a new service (e.g. after unlock) loads them instead of embedding again.
    const before = calls.texts;
    const again = createSearchService({ vault: () => vault, embedder: hashingEmbedder(calls) });
    await again.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    expect(calls.texts - before).toBe(2); // the probe and the query, no documents
    const doc = (await vault.documents.list({ query: 'inhaler' })).items[0]!;
    const { title, templateId, industry, classification } = doc;
    await vault.documents.save({
      id: doc.id,
      title,
      templateId,
      industry,
      classification,
      body: body('Rinse your mouth after each use.'),
    });
    const mid = calls.texts;
    await again.query({ text: 'rinse', filters: {}, mode: 'hybrid', limit: 10 });
    expect(calls.texts - mid).toBe(2); // the changed document and the query
  });

  it('drops a deleted document and its stored vector', async () => {
    const search = createSearchService({ vault: () => vault, embedder: hashingEmbedder() });
    await search.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    const doc = (await vault.documents.list({ query: 'hydraulic' })).items[0]!;
    await vault.documents.delete(doc.id);
    expect(await vault.search.loadVectors('hash-64')).toHaveLength(3);
    const r = await search.query({ text: 'seal gland bolts', filters: {}, mode: 'hybrid', limit: 10 });
    expect(r.items.map((i) => i.document.id)).not.toContain(doc.id);
  });

  it('indexes in the background above the sync limit and reports progress', async () => {
    const search = createSearchService({
      vault: () => vault,
      embedder: hashingEmbedder(),
      syncIndexLimit: 1,
    });
    const r = await search.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    expect(r.semantic.state).toBe('indexing');
    expect(r.semantic.pending).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await search.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    expect(later.semantic).toMatchObject({ state: 'ready', indexed: 4 });
  });

  it('falls back to full-text when the embedder fails', async () => {
    const search = createSearchService({
      vault: () => vault,
      embedder: { embed: () => Promise.reject(new Error('no embedding model is installed')) },
    });
    const r = await search.query({ text: 'seal', filters: {}, mode: 'hybrid', limit: 10 });
    expect(r.items).toHaveLength(2);
    expect(r.semantic.state).toBe('unavailable');
    expect(r.semantic.reason).toMatch(/no embedding model is installed/);
  });
});
