import type { Classification } from '../../../common/contract';
import type { VaultService } from '../vault';
import { searchableText } from '../vault/fts-text';
import type { Embedder } from './embedder';
import { VectorIndex } from './vector-index';

/** Characters of a document sent to the embedding model (the models contract's per-text limit). */
export const EMBED_TEXT_CHARS = 8_000;
const BATCH = 32;

/** The text a document is embedded by: its title, then the text values of its body. */
export function embeddingText(title: string, bodyJson: string): string {
  return `${title}\n${searchableText(bodyJson)}`.slice(0, EMBED_TEXT_CHARS);
}

/**
 * Keeps the in-memory vector index in step with the vault: loads the stored vectors of the pinned
 * model once, then embeds documents that are new or changed since (in batches, newest first),
 * storing each batch in the vault before adding it to memory. One run at a time.
 */
export class SemanticIndexer {
  index: VectorIndex | undefined;
  modelId: string | undefined;
  private loaded = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly vault: () => VaultService,
    private readonly embedder: Embedder,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Vault commit count at which every document last had a vector: nothing to check until it moves. */
  private completeAt = -1;

  /** Forgets everything held in memory (on lock: vectors are derived from document text). */
  reset(): void {
    this.index = undefined;
    this.modelId = undefined;
    this.loaded = false;
    this.completeAt = -1;
  }

  /**
   * Brings the index up to date before a query: at most `syncLimit` missing vectors are made now,
   * more in the background. Returns how many documents still lack a vector. Skips the check (a
   * scan of every document) while the vault has not changed since the index was last complete.
   */
  async refresh(syncLimit: number): Promise<number> {
    await this.ensureModel();
    await this.load();
    const commits = async () => (await this.vault().headCommitment()).commits;
    if ((await commits()) === this.completeAt) return 0;
    let pending = await this.pending();
    if (pending <= syncLimit) {
      await this.run();
      pending = await this.pending();
    } else {
      this.runInBackground();
    }
    if (pending === 0) this.completeAt = await commits();
    return pending;
  }

  async pending(): Promise<number> {
    if (!this.modelId) return (await this.vault().stats()).documents;
    return this.vault().search.countPendingVectors(this.modelId);
  }

  /** Runs (or joins) an indexing pass; `maxDocs` bounds this pass. */
  run(maxDocs = Number.POSITIVE_INFINITY): Promise<void> {
    this.running ??= this.pass(maxDocs).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Starts a full pass in the background; failures go to onError (the next query retries). */
  runInBackground(): void {
    void this.run().catch((error: unknown) => this.onError(error));
  }

  /** Pins the model by embedding one probe text, so a vault with no documents still learns it. */
  async ensureModel(): Promise<string> {
    if (this.modelId) return this.modelId;
    const probe = await this.embedder.embed(['probe'], { classification: 'public', priority: 'interactive' });
    this.adopt(probe.modelId, probe.vectors[0]!.length);
    return probe.modelId;
  }

  private adopt(modelId: string, dims: number): void {
    if (this.modelId === modelId && this.index?.dims === dims) return;
    this.modelId = modelId;
    this.index = new VectorIndex(dims);
    this.loaded = false;
  }

  private async load(): Promise<void> {
    if (this.loaded || !this.modelId || !this.index) return;
    for (const stored of await this.vault().search.loadVectors(this.modelId)) {
      if (stored.vector.length === this.index.dims) this.index.upsert(stored.num, stored.vector);
    }
    this.loaded = true;
  }

  private async pass(maxDocs: number): Promise<void> {
    const modelId = await this.ensureModel();
    await this.load();
    let done = 0;
    while (done < maxDocs) {
      const vault = this.vault();
      const batch = await vault.search.pendingVectors(modelId, Math.min(BATCH, maxDocs - done));
      if (batch.length === 0) return;
      // One embedding request per classification: routing (and so policy) decides per classification.
      const texts = new Map<Classification, Array<{ num: number; version: number; text: string }>>();
      for (const doc of batch) {
        const record = await vault.documents.get(doc.id).catch(() => undefined);
        if (!record) continue;
        const list = texts.get(record.classification) ?? [];
        list.push({ num: doc.num, version: record.version, text: embeddingText(record.title, record.body) });
        texts.set(record.classification, list);
      }
      const stored: Array<{ num: number; version: number; vector: Float32Array }> = [];
      for (const [classification, docs] of texts) {
        const result = await this.embedder.embed(
          docs.map((d) => d.text),
          { classification, modelId, priority: 'background' },
        );
        docs.forEach((d, i) => stored.push({ num: d.num, version: d.version, vector: result.vectors[i]! }));
      }
      if (stored.length === 0) return;
      await vault.search.putVectors(modelId, stored);
      for (const s of stored) this.index!.upsert(s.num, s.vector);
      done += batch.length;
    }
  }
}
