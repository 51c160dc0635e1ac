/**
 * Writes `starring-model.json` for a folder in Hugging Face layout (an onnx-community or Xenova
 * repo IT downloaded on a connected machine, or a tiny pack we generated). The one code path behind
 * `starring models pack DIR` and scripts/make-tiny-packs.ts.
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  PACK_FORMAT,
  PACK_MANIFEST_FILE,
  PackManifest,
  type ModelTask,
  type PackFile,
  type PackRuntime,
} from '../../../../common/models/pack-manifest';
import { hashFile } from './file-hash';
import { isOtherDtypeVariant, preferredDtype } from './onnx-variants';
import { listPackFiles } from './pack-paths';

/** What `pack` may be told instead of inferring it. */
export interface PackOptions {
  id?: string;
  name?: string;
  tasks?: ModelTask[];
  license?: string;
  source?: string;
  version?: string;
  dtype?: PackRuntime['dtype'];
  contextWindow?: number;
  /** Bytes hashed so far of the total, for a progress bar on multi-gigabyte folders. */
  onProgress?: (done: number, total: number, file: string) => void;
  signal?: AbortSignal;
}

/** Reads a JSON file of the folder, or undefined when absent or unreadable. */
async function readJson(dir: string, file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Tasks implied by config.json's architectures and the tokenizer's chat template. */
export async function inferTasks(dir: string): Promise<ModelTask[]> {
  const config = (await readJson(dir, 'config.json')) ?? {};
  const tokenizer = (await readJson(dir, 'tokenizer_config.json')) ?? {};
  const archs = Array.isArray(config.architectures) ? config.architectures.map(String) : [];
  const type = String(config.model_type ?? '');
  const tasks = new Set<ModelTask>();
  for (const arch of archs) {
    if (/ForCausalLM$|LMHeadModel$/.test(arch)) {
      tasks.add('text-generation');
      if (tokenizer.chat_template) tasks.add('chat');
    } else if (/ForTokenClassification$/.test(arch)) tasks.add('token-classification');
    else if (/ForConditionalGeneration$|MTModel$/.test(arch)) {
      tasks.add(/marian|m2m_100|nllb/.test(type) ? 'translation' : 'summarization');
    } else if (/Model$/.test(arch)) tasks.add('feature-extraction');
  }
  // sentence-transformers folders (all-MiniLM-L6-v2 …) are embedding models whatever the arch says.
  if (await readJson(dir, 'modules.json')) tasks.add('feature-extraction');
  return [...tasks];
}

/** The license from the model card's front matter (`license: apache-2.0`), if any. */
async function licenseFromReadme(dir: string): Promise<string | undefined> {
  try {
    const text = await readFile(join(dir, 'README.md'), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
    return front ? /^license:\s*(.+)$/m.exec(front)?.[1]?.trim() : undefined;
  } catch {
    return undefined;
  }
}

function idFromFolder(dir: string): string {
  const id = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return id || 'model-pack';
}

/** Hashes the folder and returns the manifest (does not write it). */
export async function buildPackManifest(dir: string, options: PackOptions = {}): Promise<PackManifest> {
  const { files: found, links } = await listPackFiles(dir);
  if (links.length > 0) throw new Error(`symbolic links are not allowed in a pack: ${links.join(', ')}`);
  const dtype = options.dtype ?? preferredDtype(found);
  if (!dtype) throw new Error('no ONNX weights found under onnx/ (expected onnx/model.onnx or a variant)');
  // Pin only the dtype the pack runs; other variants stay unlisted and are never opened.
  const paths = found.filter((path) => !isOtherDtypeVariant(path, dtype));
  const tasks = options.tasks ?? (await inferTasks(dir));
  if (tasks.length === 0) throw new Error('cannot tell what this model does: pass --tasks');
  const license = options.license ?? (await licenseFromReadme(dir));
  if (!license) throw new Error('no license in README.md front matter: pass --license');

  const sizes = await Promise.all(paths.map(async (path) => (await stat(join(dir, path))).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  const files: PackFile[] = [];
  for (const path of paths) {
    const { sha256, size } = await hashFile(join(dir, path), {
      signal: options.signal,
      onBytes: (bytes) => {
        done += bytes;
        options.onProgress?.(done, total, path);
      },
    });
    files.push({ path, sha256, size });
  }
  const id = options.id ?? idFromFolder(dir);
  const runtime: PackRuntime = {
    engine: 'transformers.js',
    dtype,
    useExternalDataFormat: paths.some((path) => /\.onnx_data(_\d+)?$/.test(path)),
    ...(options.contextWindow ? { contextWindow: options.contextWindow } : {}),
  };
  return PackManifest.parse({
    format: PACK_FORMAT,
    id,
    name: options.name ?? id,
    ...(options.version ? { version: options.version } : {}),
    tasks,
    license,
    ...(options.source ? { source: options.source } : {}),
    runtime,
    files,
  });
}

/** Writes the manifest beside the files (temp file + rename, so a crash never leaves half a file). */
export async function writePackManifest(dir: string, manifest: PackManifest): Promise<string> {
  const target = join(dir, PACK_MANIFEST_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(PackManifest.parse(manifest), null, 2)}\n`);
  await rename(temp, target);
  return target;
}

/** `starring models pack DIR`: build and write; returns the manifest. */
export async function packFolder(dir: string, options: PackOptions = {}): Promise<PackManifest> {
  const manifest = await buildPackManifest(dir, options);
  await writePackManifest(dir, manifest);
  return manifest;
}
