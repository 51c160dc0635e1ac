import { readFile } from 'node:fs/promises';
import type { ManagedLayer } from './managed-config.resolve';
import { LINUX_MANAGED_FILE } from './managed-config.schema';

/** Largest managed.json read; anything bigger is not a settings file. */
const MAX_BYTES = 1024 * 1024;

/** Linux: one machine-scope JSON object at /etc/starring/managed.json (path injectable for tests). */
export function createLinuxManagedJsonSource(options: { file?: string } = {}) {
  const file = options.file ?? LINUX_MANAGED_FILE;
  return {
    async read(): Promise<ManagedLayer[]> {
      const problem = (message: string): ManagedLayer[] => [
        {
          scope: 'machine',
          source: file,
          entries: {},
          problems: [{ key: file, message: `${file} was ignored: ${message}` }],
        },
      ];
      let text: string;
      try {
        const bytes = await readFile(file);
        if (bytes.byteLength > MAX_BYTES) return problem(`it is larger than ${MAX_BYTES} bytes`);
        text = bytes.toString('utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        return problem((error as Error).message);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return problem(`it is not valid JSON (${(error as Error).message})`);
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        return problem('it is not a JSON object');
      return [{ scope: 'machine', source: file, entries: json as Record<string, unknown> }];
    },
  };
}
