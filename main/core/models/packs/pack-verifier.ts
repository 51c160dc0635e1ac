/**
 * Proves a pack is exactly what was approved before any of it is loaded: valid manifest, on the
 * policy allowlist, signature (when present or required), no unlisted files the loader could pick
 * up, every listed file inside the folder, a regular file, of the pinned size and sha256.
 */
import { AppError } from '../../../../common/errors';
import type { ModelAllowlist } from '../../../../common/models/model-policy';
import type { PackManifest } from '../../../../common/models/pack-manifest';
import { hashFile } from './file-hash';
import { allowlistRefusal } from './model-allowlist';
import { isOtherDtypeVariant } from './onnx-variants';
import { readPackManifest } from './pack-manifest.io';
import { listPackFiles, regularFileInside, resolveInsidePack } from './pack-paths';
import { checkManifestSignature, type SignatureState, type TrustedPackKey } from './pack-signature';

/** Hashing progress over the whole pack. */
export interface VerifyProgress {
  /** Bytes hashed so far, over all files. */
  done: number;
  total: number;
  file: string;
}

/** The policy to apply and how to report progress or be cancelled. */
export interface VerifyOptions {
  /** `null` = no policy restricts packs. */
  allowlist: ModelAllowlist;
  trustedKeys?: TrustedPackKey[];
  requireSignature?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}

/** A pack that passed every check. */
export interface VerifiedPack {
  dir: string;
  manifest: PackManifest;
  packHash: string;
  totalBytes: number;
  signature: SignatureState;
}

function integrity(manifest: PackManifest, file: string, problem: string): AppError {
  return new AppError(
    'MODEL_UNAVAILABLE',
    `Model pack "${manifest.id}" failed its integrity check: ${file} ${problem}. Reinstall the pack.`,
    { details: { reason: 'integrity', pack: manifest.id, file } },
  );
}

/** Runs every check; resolves with the verified pack or rejects with an AppError saying why. */
export async function verifyPack(dir: string, options: VerifyOptions): Promise<VerifiedPack> {
  const { manifest, packHash } = await readPackManifest(dir);

  const refusal = allowlistRefusal(options.allowlist, { id: manifest.id, packHash });
  if (refusal) {
    throw new AppError('POLICY_DENIED', refusal, {
      details: { reason: 'not-allowlisted', pack: manifest.id },
    });
  }
  const signature = checkManifestSignature(manifest, options.trustedKeys ?? []);
  if (signature === 'invalid') {
    throw new AppError(
      'MODEL_UNAVAILABLE',
      `Model pack "${manifest.id}" has a signature that does not verify.`,
      {
        details: { reason: 'signature', pack: manifest.id },
      },
    );
  }
  if (options.requireSignature && signature !== 'valid') {
    throw new AppError(
      'POLICY_DENIED',
      `Your organisation requires signed model packs, and "${manifest.id}" is ${signature === 'unsigned' ? 'not signed' : 'signed by a key that is not trusted here'}.`,
      { details: { reason: 'unsigned', pack: manifest.id } },
    );
  }

  // Files the loader might open must all be pinned: refuse anything unlisted (other-dtype ONNX
  // variants excepted: transformers.js never opens them) and any symlink.
  const dtype = manifest.runtime?.dtype ?? 'fp32';
  const listed = new Set(manifest.files.map((file) => file.path));
  const { files: present, links } = await listPackFiles(dir);
  if (links.length > 0)
    throw integrity(manifest, links[0]!, 'is a symbolic link, which packs may not contain');
  const extra = present.find((path) => !listed.has(path) && !isOtherDtypeVariant(path, dtype));
  if (extra) throw integrity(manifest, extra, 'is in the folder but not in the manifest');

  const total = manifest.files.reduce((sum, file) => sum + file.size, 0);
  let done = 0;
  for (const file of manifest.files) {
    const full = resolveInsidePack(dir, file.path);
    if (full instanceof Error) throw integrity(manifest, file.path, full.message);
    let size: number;
    try {
      size = await regularFileInside(dir, full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw integrity(manifest, file.path, code === 'ENOENT' ? 'is missing' : (error as Error).message);
    }
    if (size !== file.size) {
      throw integrity(
        manifest,
        file.path,
        `is ${size} bytes but the manifest says ${file.size} (truncated or replaced)`,
      );
    }
    const { sha256 } = await hashFile(full, {
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (bytes) => {
        done += bytes;
        options.onProgress?.({ done, total, file: file.path });
      },
    });
    if (sha256 !== file.sha256) {
      throw integrity(manifest, file.path, 'does not match its sha256 in the manifest (changed or damaged)');
    }
  }
  options.onProgress?.({ done: total, total, file: '' });
  return { dir, manifest, packHash, totalBytes: total, signature };
}

/** A cheap look for lists: manifest valid, files present with the right sizes; no hashing. */
export async function inspectPack(
  dir: string,
): Promise<{ manifest: PackManifest; packHash: string; problem?: string }> {
  const { manifest, packHash } = await readPackManifest(dir);
  for (const file of manifest.files) {
    const full = resolveInsidePack(dir, file.path);
    if (full instanceof Error) return { manifest, packHash, problem: full.message };
    try {
      const size = await regularFileInside(dir, full);
      if (size !== file.size) return { manifest, packHash, problem: `${file.path} has the wrong size` };
    } catch {
      return { manifest, packHash, problem: `${file.path} is missing or not a regular file` };
    }
  }
  return { manifest, packHash };
}
