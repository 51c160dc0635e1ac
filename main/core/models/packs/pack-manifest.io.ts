/**
 * Reads and validates `starring-model.json`. Every problem becomes a sentence naming the pack and
 * the field, because the reader is IT fixing a deployment, not a developer with a debugger.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../../common/errors';
import { PACK_MANIFEST_FILE, PackManifest } from '../../../../common/models/pack-manifest';
import { packHash } from './pack-signature';

/** Generous for 10,000 files; a larger "manifest" is not one. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A valid manifest and its pack hash. */
export interface ManifestRead {
  manifest: PackManifest;
  packHash: string;
}

function invalid(dir: string, problem: string, field?: string): AppError {
  return new AppError('MODEL_UNAVAILABLE', `Model pack "${basename(dir)}": ${problem}`, {
    ...(field ? { field } : {}),
    details: { reason: 'manifest-invalid', pack: basename(dir) },
  });
}

/** Parses and validates the manifest of the pack in `dir`. Throws AppError (MODEL_UNAVAILABLE). */
export async function readPackManifest(dir: string): Promise<ManifestRead> {
  const file = join(dir, PACK_MANIFEST_FILE);
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw invalid(dir, `${PACK_MANIFEST_FILE} is not a file.`);
    if (info.size > MAX_MANIFEST_BYTES)
      throw invalid(dir, `${PACK_MANIFEST_FILE} is too large to be a manifest.`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(dir, `${PACK_MANIFEST_FILE} is missing. Run \`starring models pack\` on the folder.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(dir, `${PACK_MANIFEST_FILE} is not valid JSON.`);
  }
  const parsed = PackManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const problem = `${field ? `${field}: ` : ''}${issue.message}`;
    throw invalid(dir, `${PACK_MANIFEST_FILE} is not a valid manifest (${problem}).`, field || undefined);
  }
  return { manifest: parsed.data, packHash: packHash(parsed.data) };
}
