/**
 * transformers.js v4 picks the ONNX file by dtype (src/utils/dtypes.js): fp32 → model.onnx,
 * q8 → model_quantized.onnx, q4 → model_q4.onnx, and so on. Repos such as onnx-community ship every
 * variant side by side; a pack pins only the one it runs, and the others can stay on disk unlisted
 * because the loader never opens a file of another dtype.
 */
import type { PackRuntime } from '../../../../common/models/pack-manifest';

type Dtype = PackRuntime['dtype'];

const SUFFIX: Record<Dtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

// Longer suffixes first so "_q4f16" is not read as "_q4".
const VARIANT = /^onnx\/(.+?)(_fp16|_quantized|_int8|_uint8|_q4f16|_q4|_bnb4)?\.onnx(?:_data(?:_\d+)?)?$/;

/** The dtype an ONNX weight file belongs to, or null when the path is not an onnx/ weight file. */
export function onnxVariantDtype(path: string): Dtype | null {
  const match = VARIANT.exec(path);
  if (!match) return null;
  const suffix = match[2] ?? '';
  return (Object.keys(SUFFIX) as Dtype[]).find((dtype) => SUFFIX[dtype] === suffix) ?? null;
}

/** True when `path` is an ONNX weight file of a dtype other than the pack's (never loaded). */
export function isOtherDtypeVariant(path: string, dtype: Dtype): boolean {
  const variant = onnxVariantDtype(path);
  return variant !== null && variant !== dtype;
}

/** The dtype to run a folder with: fp32 when model.onnx exists, else the first variant present. */
export function preferredDtype(paths: string[]): Dtype | null {
  const present = new Set(paths.map(onnxVariantDtype).filter((d): d is Dtype => d !== null));
  const order: Dtype[] = ['fp32', 'q8', 'q4', 'fp16', 'q4f16', 'int8', 'uint8', 'bnb4'];
  return order.find((dtype) => present.has(dtype)) ?? null;
}
