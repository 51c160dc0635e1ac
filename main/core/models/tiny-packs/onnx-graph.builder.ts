/**
 * A few helpers to write real ONNX files from Node with onnx-proto (protobufjs static code for
 * onnx.proto). Used only to generate the tiny test packs: no Python, no download, seconds to run.
 * IR version 7 / opset 13 is what ORT 1.30 and Debian's onnx checker both accept.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used by the tiny graphs. */
export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;

export type Dim = number | string;
export type AttrValue = number | number[] | string;

/**
 * A deterministic pseudo-random generator (mulberry32), so the same seed gives the same weights
 * and therefore the same bytes and hashes on every machine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values in [-scale, scale) from the generator. */
export function randomValues(random: () => number, count: number, scale = 0.5): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 1) out[i] = (random() * 2 - 1) * scale;
  return out;
}

/** A float initializer (weights). Raw little-endian bytes keep the file small and exact. */
export function floatTensor(name: string, dims: number[], values: Float32Array): onnxProto.onnx.ITensorProto {
  if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`tensor ${name}: size mismatch`);
  return {
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice(),
  };
}

/** An int64 initializer (shapes, axes, indices). */
export function int64Tensor(name: string, dims: number[], values: number[]): onnxProto.onnx.ITensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims, dataType: INT64, rawData: new Uint8Array(data.buffer) };
}

/** A graph input or output with symbolic (string) or fixed (number) dimensions. */
export function valueInfo(name: string, elemType: number, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttrValue): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  return { name, type: types.INT, i: value };
}

/** One operator node. */
export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Record<string, AttrValue> = {},
): onnxProto.onnx.INodeProto {
  return {
    opType,
    name: `${opType}_${outputs[0]}`,
    input: inputs,
    output: outputs,
    attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
  };
}

/** A graph to encode: inputs, outputs, nodes, weights. */
export interface GraphSpec {
  name: string;
  inputs: onnxProto.onnx.IValueInfoProto[];
  outputs: onnxProto.onnx.IValueInfoProto[];
  nodes: onnxProto.onnx.INodeProto[];
  initializers: onnxProto.onnx.ITensorProto[];
}

/** Encodes a complete ModelProto (IR 7, opset 13) to bytes ready to write as model.onnx. */
export function encodeModel(graph: GraphSpec): Uint8Array {
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 7,
    producerName: 'starring-tiny-packs',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: graph.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: graph.inputs,
      output: graph.outputs,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}
