import type { Classification } from '../../../common/contract';

/** Vectors for texts, and which model made them. */
export interface Embedding {
  modelId: string;
  vectors: Float32Array[];
}

/**
 * What search needs from the models runtime: embeddings of texts of a classification (the models
 * service routes by it, under policy). Undefined `modelId` lets routing pick; search then pins the
 * model it got so document and query vectors come from the same model.
 */
export interface Embedder {
  embed(
    texts: string[],
    options: { classification: Classification; modelId?: string; priority: 'interactive' | 'background' },
  ): Promise<Embedding>;
}
