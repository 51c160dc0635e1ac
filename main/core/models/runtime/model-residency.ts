/**
 * Which models stay loaded in the worker. Memory is the constraint on a clinic laptop: models are
 * kept within a byte budget, least recently used evicted first, and at most one "large" model
 * (an LLM, by default ≥ 256 MB on disk) is resident at a time, whatever the budget says.
 */
import { AppError } from '../../../../common/errors';
import type { PackManifest } from '../../../../common/models/pack-manifest';

/** The memory budget and the size from which a model counts as large. */
export interface ResidencyOptions {
  budgetBytes: number;
  largeModelBytes: number;
}

/** A model loaded in the worker, with its estimated memory. */
export interface ResidentModel {
  key: string;
  bytes: number;
  packHash: string;
  contextWindow: number;
}

/** Resident size estimate: weights as mapped by ONNX Runtime plus ~20% for arenas and tokenizer. */
export function estimateResidentBytes(manifest: PackManifest): number {
  const weights = manifest.files
    .filter((file) => /\.onnx(_data(_\d+)?)?$/.test(file.path))
    .reduce((sum, file) => sum + file.size, 0);
  const other = manifest.files.reduce((sum, file) => sum + file.size, 0) - weights;
  return Math.ceil(weights * 1.2 + other);
}

/** Bookkeeping of resident models in least-recently-used order. */
export interface ModelResidency {
  get(key: string): ResidentModel | undefined;
  /** Marks `key` as just used (moves it to the back of the eviction order). */
  touch(key: string): void;
  /** Keys to unload before a model of `bytes` fits; throws when it can never fit. */
  planAdmission(key: string, bytes: number): string[];
  add(model: ResidentModel): void;
  remove(key: string): void;
  clear(): void;
  list(): ResidentModel[];
  usedBytes(): number;
}

/** Creates an empty residency table. */
export function createModelResidency(options: ResidencyOptions): ModelResidency {
  // A Map iterates in insertion order: first entry = least recently used.
  const models = new Map<string, ResidentModel>();
  const used = (): number => [...models.values()].reduce((sum, m) => sum + m.bytes, 0);

  return {
    get: (key) => models.get(key),
    touch(key) {
      const model = models.get(key);
      if (!model) return;
      models.delete(key);
      models.set(key, model);
    },
    planAdmission(key, bytes) {
      if (models.has(key)) return [];
      if (bytes > options.budgetBytes) {
        const gb = (n: number): string => `${(n / 2 ** 30).toFixed(1)} GB`;
        throw new AppError(
          'MODEL_UNAVAILABLE',
          `This model needs about ${gb(bytes)} of memory, more than the ${gb(options.budgetBytes)} set aside for models on this device.`,
          { details: { reason: 'memory-budget', bytes, budget: options.budgetBytes } },
        );
      }
      const evict: string[] = [];
      if (bytes >= options.largeModelBytes) {
        for (const model of models.values())
          if (model.bytes >= options.largeModelBytes) evict.push(model.key);
      }
      let total = used() - evict.reduce((sum, k) => sum + (models.get(k)?.bytes ?? 0), 0);
      for (const model of models.values()) {
        if (total + bytes <= options.budgetBytes) break;
        if (evict.includes(model.key)) continue;
        evict.push(model.key);
        total -= model.bytes;
      }
      return evict;
    },
    add(model) {
      models.delete(model.key);
      models.set(model.key, model);
    },
    remove: (key) => void models.delete(key),
    clear: () => models.clear(),
    list: () => [...models.values()],
    usedBytes: used,
  };
}
