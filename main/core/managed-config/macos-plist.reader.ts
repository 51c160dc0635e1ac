import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManagedLayer } from './managed-config.resolve';
import { PREFERENCE_DOMAIN } from './managed-config.schema';
import { parsePlistXml, type PlistValue } from './plist-xml.parse';
import { runProgram, type RunProgram } from './windows-registry.reader';

/** Where macOS writes profiles' managed preferences. */
export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';

/** Where and how the macOS source reads (all injectable for tests). */
export interface MacosManagedOptions {
  /** Folder holding managed preferences (tests point it at a fixture). */
  root?: string;
  /** Short name of the signed-in user, for the per-user managed file. */
  username: string;
  run?: RunProgram;
  read?: (file: string) => Promise<Buffer>;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * XML plists are parsed here; binary ones (what MDM usually writes) go through
 * `plutil -convert json`, and through `plutil -convert xml1` when JSON cannot hold them (<data>, <date>).
 */
export async function parsePlistBytes(bytes: Buffer, file: string, run: RunProgram): Promise<Parsed> {
  const isBinary = bytes.subarray(0, 6).toString('latin1') === 'bplist';
  try {
    if (!isBinary) return { ok: true, value: parsePlistXml(bytes.toString('utf8')) };
    const json = await run('plutil', ['-convert', 'json', '-o', '-', '--', file]);
    if (json.code === 0) return { ok: true, value: JSON.parse(json.stdout) as unknown };
    const xml = await run('plutil', ['-convert', 'xml1', '-o', '-', '--', file]);
    if (xml.code === 0) return { ok: true, value: parsePlistXml(xml.stdout) };
    return { ok: false, message: `plutil could not read it: ${(xml.stderr || json.stderr).trim()}` };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function isDict(value: unknown): value is Record<string, PlistValue> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** Keys the system adds to managed preference files, not settings of ours. */
const systemKey = (key: string): boolean => key.startsWith('Payload') || key.startsWith('mcx_');

/**
 * macOS managed preferences for the app's domain: the machine-wide file, then the user's
 * (`/Library/Managed Preferences/<user>/com.starring.workspace.plist`). A missing file means nothing set.
 */
export function createMacosManagedPreferencesSource(options: MacosManagedOptions) {
  const root = options.root ?? MANAGED_PREFERENCES_DIR;
  const run = options.run ?? runProgram;
  const read = options.read ?? ((file: string) => readFile(file));

  async function layer(file: string, scope: ManagedLayer['scope']): Promise<ManagedLayer | null> {
    let bytes: Buffer;
    try {
      bytes = await read(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return {
        scope,
        source: file,
        entries: {},
        problems: [{ key: file, message: `${file} could not be read: ${(error as Error).message}` }],
      };
    }
    const parsed = await parsePlistBytes(bytes, file, run);
    if (!parsed.ok || !isDict(parsed.value)) {
      const message = parsed.ok ? 'its root is not a dictionary' : parsed.message;
      return {
        scope,
        source: file,
        entries: {},
        problems: [{ key: file, message: `${file} was ignored: ${message}` }],
      };
    }
    const entries = Object.fromEntries(Object.entries(parsed.value).filter(([key]) => !systemKey(key)));
    return { scope, source: file, entries };
  }

  return {
    async read(): Promise<ManagedLayer[]> {
      const machine = await layer(join(root, `${PREFERENCE_DOMAIN}.plist`), 'machine');
      const user = await layer(join(root, options.username, `${PREFERENCE_DOMAIN}.plist`), 'user');
      return [machine, user].filter((l): l is ManagedLayer => l !== null);
    },
  };
}
