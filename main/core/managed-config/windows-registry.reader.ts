import { execFile } from 'node:child_process';
import type { ManagedLayer } from './managed-config.resolve';
import { REGISTRY_KEY } from './managed-config.schema';

/** Runs a program and reports its output and exit code (never rejects for a non-zero exit). */
export type RunProgram = (
  file: string,
  args: readonly string[],
) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The real `RunProgram`: execFile with a timeout, no shell. */
export const runProgram: RunProgram = (file, args) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', windowsHide: true, timeout: 10_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // A spawn failure (ENOENT) has a string code: report it as -1, distinct from any exit status.
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: stderr || (error && !stderr ? error.message : '') });
      },
    );
  });

/** A registry value of a type no managed setting uses; its text says what it was, for the problem report. */
export class UnsupportedRegistryValue {
  constructor(readonly type: string) {}
  toString(): string {
    return `a ${this.type} value`;
  }
}

function expand(value: string, env: NodeJS.ProcessEnv): string {
  // Windows environment names are case-insensitive; an unknown %NAME% stays as written, as Windows does.
  const lookup = new Map(Object.entries(env).map(([k, v]) => [k.toUpperCase(), v]));
  return value.replace(/%([^%]+)%/g, (whole, name: string) => lookup.get(name.toUpperCase()) ?? whole);
}

/**
 * Parses `reg query KEY` output: a header line with the key, then one line per value —
 * four spaces, name, four spaces, type, four spaces, data. DWORDs print as hex (0x1), MULTI_SZ
 * strings joined by a literal `\0`, EXPAND_SZ unexpanded (expanded here with `env`).
 */
export function parseRegQueryOutput(stdout: string, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match) continue; // blank lines, the key header, subkeys
    const [, name, type, data = ''] = match as unknown as [string, string, string, string | undefined];
    let value: unknown;
    switch (type) {
      case 'REG_SZ':
        value = data;
        break;
      case 'REG_EXPAND_SZ':
        value = expand(data, env);
        break;
      case 'REG_MULTI_SZ':
        value = data === '' ? [] : data.split('\\0');
        break;
      case 'REG_DWORD':
      case 'REG_QWORD': {
        const big = BigInt(data.trim());
        value =
          big <= BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(big)
            : new UnsupportedRegistryValue(`${type} too large`);
        break;
      }
      default:
        value = new UnsupportedRegistryValue(type);
    }
    // "(Default)" is the key's unnamed value: not a setting.
    if (name !== '(Default)') entries[name] = value;
  }
  return entries;
}

/** How the registry source runs reg.exe and expands REG_EXPAND_SZ (injectable for tests). */
export interface WindowsRegistryOptions {
  run?: RunProgram;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads HKLM then HKCU `SOFTWARE\Policies\StarRing\Workspace` with `reg.exe query` (64-bit view).
 * A missing key is normal (no policy set); any other failure (reg.exe missing) is reported.
 * Output is decoded as UTF-8: values outside ASCII depend on the console code page.
 */
export function createWindowsRegistrySource(options: WindowsRegistryOptions = {}) {
  const run = options.run ?? runProgram;
  const env = options.env ?? process.env;
  async function hive(hive: 'HKLM' | 'HKCU', scope: ManagedLayer['scope']): Promise<ManagedLayer> {
    const source = `${hive}\\${REGISTRY_KEY}`;
    const result = await run('reg.exe', ['query', source, '/reg:64']);
    // Exit 1 is reg.exe's "key not found" — in every UI language, unlike its message. Policies
    // keys are readable by every user, so it is not an access problem in practice.
    if (result.code === 1) return { scope, source, entries: {} };
    if (result.code !== 0) {
      return {
        scope,
        source,
        entries: {},
        problems: [{ key: source, message: `${source} could not be read: ${result.stderr.trim()}` }],
      };
    }
    return { scope, source, entries: parseRegQueryOutput(result.stdout, env) };
  }
  return {
    async read(): Promise<ManagedLayer[]> {
      return [await hive('HKLM', 'machine'), await hive('HKCU', 'user')];
    },
  };
}
