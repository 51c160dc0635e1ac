import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Locale } from '../../../common/contract';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * UI preferences that are not sensitive and must be readable before the vault is unlocked (the
 * unlock screen needs the language). Everything sensitive lives in the vault.
 */
const Preferences = z.object({ locale: Locale.default('en') });
export type Preferences = z.infer<typeof Preferences>;

export interface PreferencesStore {
  get(): Preferences;
  update(patch: Partial<Preferences>): Promise<Preferences>;
}

export async function openPreferencesStore(dataDir: string): Promise<PreferencesStore> {
  const file = join(dataDir, 'preferences.json');
  let current = Preferences.parse({});
  try {
    const parsed = Preferences.safeParse(JSON.parse(await readFile(file, 'utf8')));
    // A damaged preferences file costs the user their language choice, nothing more.
    if (parsed.success) current = parsed.data;
  } catch {
    /* absent or unreadable: defaults */
  }
  return {
    get: () => current,
    async update(patch) {
      const next = Preferences.parse({ ...current, ...patch });
      await writeFileAtomic(file, JSON.stringify(next, null, 2));
      current = next;
      return current;
    },
  };
}
