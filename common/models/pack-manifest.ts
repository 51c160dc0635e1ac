/**
 * `starring-model.json`: the manifest that turns a Hugging Face model folder into a model pack.
 * It pins every file by sha256 and size, so the app can prove before loading that the bytes are
 * the ones IT approved; the policy allowlist names packs by the hash of this manifest.
 * Plain TypeScript + zod: the renderer, the CLI and the enterprise server read the same schema.
 */
import { z } from 'zod';

/** The manifest file name inside a pack folder. */
export const PACK_MANIFEST_FILE = 'starring-model.json';
/** Format tag; a future incompatible manifest gets a new one. */
export const PACK_FORMAT = 'starring-model-pack/1';

/**
 * What a pack can do. `chat` means an instruct model with a chat template; such a pack also serves
 * summarization and translation through task prompts when no dedicated model is installed.
 */
export const ModelTask = z.enum([
  'chat',
  'text-generation',
  'summarization',
  'translation',
  'feature-extraction',
  'token-classification',
]);
export type ModelTask = z.infer<typeof ModelTask>;

/** Why a relative path is unsafe, or null when it stays inside the pack folder. */
export function unsafePackPath(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'uses a backslash (pack paths use forward slashes)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the pack folder (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." segment';
  if (path === PACK_MANIFEST_FILE) return 'names the manifest itself';
  return null;
}

/** A pack-relative POSIX path that cannot leave the pack folder. */
export const PackPath = z
  .string()
  .max(512)
  .superRefine((path, ctx) => {
    const problem = unsafePackPath(path);
    if (problem) ctx.addIssue({ code: 'custom', message: `file path "${path.slice(0, 80)}" ${problem}` });
  });

/** One pinned file. */
export const PackFile = z.strictObject({
  path: PackPath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits'),
  size: z.number().int().nonnegative(),
});
export type PackFile = z.infer<typeof PackFile>;

/** Hints for the runtime; all optional, the defaults suit transformers.js fp32 exports. */
export const PackRuntime = z.strictObject({
  engine: z.literal('transformers.js').default('transformers.js'),
  /** transformers.js dtype: fp32 → onnx/model.onnx, q8 → model_quantized.onnx, q4 → model_q4.onnx … */
  dtype: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4']).default('fp32'),
  /** Weights kept in `model.onnx_data` beside the graph (models over 2 GB). */
  useExternalDataFormat: z.boolean().default(false),
  /** Overrides the context window read from config.json (tokens). */
  contextWindow: z.number().int().positive().max(1_048_576).optional(),
});
export type PackRuntime = z.infer<typeof PackRuntime>;

/** The optional organisation signature. */
export const PackSignature = z.strictObject({
  alg: z.literal('Ed25519'),
  /** Names the organisation key that signed it (the trusted keys are configured by IT). */
  keyId: z.string().min(1).max(128),
  /** Base64 Ed25519 signature over the JCS (RFC 8785) form of the manifest without `signature`. */
  value: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .max(200),
});
export type PackSignature = z.infer<typeof PackSignature>;

/** The whole `starring-model.json`. */
export const PackManifest = z
  .strictObject({
    format: z.literal(PACK_FORMAT),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'id: lower-case letters, digits, ".", "_" or "-", at most 64'),
    name: z.string().min(1).max(120),
    version: z.string().min(1).max(40).optional(),
    tasks: z.array(ModelTask).min(1).max(ModelTask.options.length),
    license: z.string().min(1).max(120),
    /** Where IT obtained the weights (e.g. "onnx-community/Qwen2.5-0.5B-Instruct"), for the record. */
    source: z.string().max(300).optional(),
    runtime: PackRuntime.optional(),
    files: z.array(PackFile).min(1).max(10_000),
    signature: PackSignature.optional(),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.files.forEach((file, index) => {
      if (seen.has(file.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', index, 'path'],
          message: `"${file.path}" is listed twice`,
        });
      }
      seen.add(file.path);
    });
    if (!manifest.files.some((file) => file.path.endsWith('.onnx'))) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'a pack needs at least one .onnx file' });
    }
  });
export type PackManifest = z.infer<typeof PackManifest>;

/** Total bytes a manifest pins. */
export function packBytes(manifest: Pick<PackManifest, 'files'>): number {
  return manifest.files.reduce((sum, file) => sum + file.size, 0);
}
