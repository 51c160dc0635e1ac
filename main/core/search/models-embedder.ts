import type { ModelsService } from '../models';
import type { Embedder } from './embedder';

/**
 * The models service as search's Embedder: one `models.embed` call per batch, so routing, the
 * policy allowlist and the worker's batching apply exactly as for any other embedding request.
 */
export function modelsEmbedder(models: Pick<ModelsService, 'embed'>): Embedder {
  return {
    async embed(texts, { classification, modelId, priority }) {
      const vectors: Float32Array[] = new Array<Float32Array>(texts.length);
      let used = '';
      await models.embed(
        { texts, classification, priority, ...(modelId !== undefined && { modelId }) },
        (event) => {
          if (event.type === 'vectors') {
            event.vectors.forEach((v, i) => {
              vectors[event.offset + i] = Float32Array.from(v);
            });
          } else {
            used = event.modelId;
          }
        },
        new AbortController().signal,
      );
      return { modelId: used, vectors };
    },
  };
}
