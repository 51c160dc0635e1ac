/** Small sealed JSON files of the audit store (store.meta, anchor.sealed), replaced atomically. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { corruptFile } from './record-file';
import type { Sealer } from './sealer';

/** The associated data binds the content to its file name, so meta and anchor cannot be swapped. */
const aadOf = (file: string): string => `starring-audit/v1|${file}`;

/** Reads and validates `file`; undefined when it does not exist. Throws STORE_CORRUPT on damage. */
export async function loadSealedJson<T>(
  dir: string,
  sealer: Sealer,
  file: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let sealed: Buffer;
  try {
    sealed = await readFile(join(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(sealer.open(aadOf(file), sealed).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw corruptFile(file, 'its content is not JSON');
    throw error;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw corruptFile(file, 'its content is not valid');
  return parsed.data;
}

/** Seals `value` as JSON and replaces `file` atomically. */
export async function writeSealedJson(
  dir: string,
  sealer: Sealer,
  file: string,
  value: unknown,
): Promise<void> {
  await writeFileAtomic(
    join(dir, file),
    sealer.seal(aadOf(file), Buffer.from(JSON.stringify(value), 'utf8')),
  );
}
