/**
 * The tiny ONNX graphs (FACTS.md §2 recipes), with deterministic weights. They are not trained:
 * they exist so tests and benchmarks exercise the real loader, tokenizer, ONNX Runtime session,
 * KV-cache plumbing, pooling and generation loop of transformers.js in milliseconds.
 */
import {
  FLOAT,
  INT64,
  encodeModel,
  floatTensor,
  int64Tensor,
  node,
  randomValues,
  seededRandom,
  valueInfo,
  type GraphSpec,
} from './onnx-graph.builder';

const BS = ['batch_size', 'sequence_length'];

/** BERT-style embeddings: word + token-type embeddings, masked. Output [B, S, hidden]. */
function bertEmbeddingNodes(vocab: number, hidden: number, seed: number, wordEmb?: Float32Array): GraphSpec {
  const random = seededRandom(seed);
  return {
    name: 'tiny_bert',
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, INT64, BS)),
    outputs: [],
    initializers: [
      floatTensor('word_emb', [vocab, hidden], wordEmb ?? randomValues(random, vocab * hidden)),
      floatTensor('type_emb', [2, hidden], randomValues(random, 2 * hidden, 0.05)),
      int64Tensor('last_axis', [1], [-1]),
    ],
    nodes: [
      node('Gather', ['word_emb', 'input_ids'], ['word'], { axis: 0 }),
      node('Gather', ['type_emb', 'token_type_ids'], ['type'], { axis: 0 }),
      node('Add', ['word', 'type'], ['summed']),
      node('Cast', ['attention_mask'], ['mask_f'], { to: FLOAT }),
      node('Unsqueeze', ['mask_f', 'last_axis'], ['mask_3d']),
      node('Mul', ['summed', 'mask_3d'], ['last_hidden_state']),
    ],
  };
}

/** A BertModel for feature extraction: `last_hidden_state` [B, S, hidden]. */
export function tinyBertEncoder(vocab: number, hidden: number, seed: number): Uint8Array {
  const graph = bertEmbeddingNodes(vocab, hidden, seed);
  graph.outputs = [valueInfo('last_hidden_state', FLOAT, [...BS, hidden])];
  return encodeModel(graph);
}

/**
 * A BertForTokenClassification: `logits` [B, S, labels]. Embedding dims 0 and 1 are reserved:
 * tokens listed in `marked` (ids → 0 for "begins an entity", 1 for "continues it") light up one of
 * them and the head maps those to labels 1 and 2, so digits come out as B-ID / I-ID and tests can
 * assert real entities instead of noise.
 */
export function tinyBertTokenClassifier(
  vocab: number,
  hidden: number,
  labels: number,
  marked: Map<number, 0 | 1>,
  seed: number,
): Uint8Array {
  const random = seededRandom(seed);
  const emb = randomValues(random, vocab * hidden, 0.3);
  for (let id = 0; id < vocab; id += 1) {
    emb[id * hidden] = 0;
    emb[id * hidden + 1] = 0;
    const dim = marked.get(id);
    if (dim !== undefined) emb[id * hidden + dim] = 3;
  }
  const graph = bertEmbeddingNodes(vocab, hidden, seed + 1, emb);
  const head = new Float32Array(hidden * labels);
  head[0 * labels + 1] = 4; // dim 0 → label 1 (B-…)
  head[1 * labels + 2] = 4; // dim 1 → label 2 (I-…)
  const bias = new Float32Array(labels);
  bias[0] = 1; // "O" wins unless a marked dimension is lit
  graph.initializers.push(floatTensor('cls_w', [hidden, labels], head), floatTensor('cls_b', [labels], bias));
  graph.nodes.push(
    node('MatMul', ['last_hidden_state', 'cls_w'], ['cls_raw']),
    node('Add', ['cls_raw', 'cls_b'], ['logits']),
  );
  graph.outputs = [valueInfo('logits', FLOAT, [...BS, labels])];
  return encodeModel(graph);
}

/** Shape, seed and steering of the tiny decoder. */
export interface DecoderOptions {
  vocab: number;
  hidden: number;
  seed: number;
  /** Additive logit bias per token id (steers the random model toward printable text). */
  bias: Float32Array;
  /**
   * Fault injection for tests: when the attention mask grows past this many positions, a Reshape
   * in the graph fails inside ONNX Runtime, i.e. the model throws mid-generation like a real
   * broken export would.
   */
  failAfterPositions?: number;
}

/**
 * A one-layer, one-head GPT-2-style decoder with a real KV cache: inputs `input_ids`,
 * `attention_mask`, `past_key_values.0.{key,value}`; outputs `logits` and `present.0.{key,value}`.
 * The next-token logits depend on the mean of all cached values, so output varies with history.
 */
export function tinyDecoder(options: DecoderOptions): Uint8Array {
  const { vocab, hidden, seed } = options;
  const random = seededRandom(seed);
  const kv = ['batch_size', 1, 'past_sequence_length', hidden];
  const present = ['batch_size', 1, 'total_sequence_length', hidden];
  const graph: GraphSpec = {
    name: 'tiny_gpt2',
    inputs: [
      valueInfo('input_ids', INT64, BS),
      valueInfo('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
      valueInfo('past_key_values.0.key', FLOAT, kv),
      valueInfo('past_key_values.0.value', FLOAT, kv),
    ],
    outputs: [
      valueInfo('logits', FLOAT, [...BS, vocab]),
      valueInfo('present.0.key', FLOAT, present),
      valueInfo('present.0.value', FLOAT, present),
    ],
    initializers: [
      floatTensor('wte', [vocab, hidden], randomValues(random, vocab * hidden)),
      floatTensor('wk', [hidden, hidden], randomValues(random, hidden * hidden)),
      floatTensor('wv', [hidden, hidden], randomValues(random, hidden * hidden)),
      floatTensor('w_out', [hidden, vocab], randomValues(random, hidden * vocab, 2)),
      floatTensor('b_out', [vocab], options.bias),
      int64Tensor('head_axis', [1], [1]),
    ],
    nodes: [
      node('Gather', ['wte', 'input_ids'], ['x'], { axis: 0 }),
      node('MatMul', ['x', 'wk'], ['k_new']),
      node('MatMul', ['x', 'wv'], ['v_new']),
      node('Unsqueeze', ['k_new', 'head_axis'], ['k_4d']),
      node('Unsqueeze', ['v_new', 'head_axis'], ['v_4d']),
      node('Concat', ['past_key_values.0.key', 'k_4d'], ['present.0.key'], { axis: 2 }),
      node('Concat', ['past_key_values.0.value', 'v_4d'], ['present.0.value'], { axis: 2 }),
      node('ReduceMean', ['present.0.value'], ['context'], { axes: [2], keepdims: 0 }),
      node('Add', ['x', 'context'], ['h']),
      node('MatMul', ['h', 'w_out'], ['logits_raw']),
      node('Add', ['logits_raw', 'b_out'], options.failAfterPositions ? ['logits_ok'] : ['logits']),
    ],
  };
  if (options.failAfterPositions) addFault(graph, options.failAfterPositions);
  return encodeModel(graph);
}

/** Reshape([mask[:, K:K+1], 1] → [1]) succeeds while the mask has ≤ K positions, then throws. */
function addFault(graph: GraphSpec, positions: number): void {
  graph.initializers.push(
    int64Tensor('fault_start', [1], [positions]),
    int64Tensor('fault_end', [1], [positions + 1]),
    int64Tensor('fault_axis', [1], [1]),
    int64Tensor('fault_one', [1, 1], [1]),
    int64Tensor('fault_shape', [1], [1]),
    floatTensor('fault_zero', [1], new Float32Array([0])),
  );
  graph.nodes.push(
    node('Slice', ['attention_mask', 'fault_start', 'fault_end', 'fault_axis'], ['fault_slice']),
    node('Concat', ['fault_slice', 'fault_one'], ['fault_cat'], { axis: 1 }),
    node('Reshape', ['fault_cat', 'fault_shape'], ['fault_flat']),
    node('Cast', ['fault_flat'], ['fault_f'], { to: FLOAT }),
    node('Mul', ['fault_f', 'fault_zero'], ['fault_term']),
    node('Add', ['logits_ok', 'fault_term'], ['logits']),
  );
}
