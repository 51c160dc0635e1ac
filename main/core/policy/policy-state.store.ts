import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

/** What the policy store keeps between runs. */
export interface PolicyState {
  /** The signed envelope of the bundle last accepted, exactly as received, re-verified on load. */
  lastGood: { raw: string; receivedAt: string } | null;
  /**
   * Highest bundle version ever accepted. Kept apart from `lastGood` so that losing or clearing
   * the cached bundle never reopens the door to an older one (rollback).
   */
  highestVersion: number;
}

/**
 * Where the policy store persists its state. The vault implements it (encrypted, in the device's
 * store); the in-memory and JSON-file ones below serve tests and the CLI.
 */
export interface PolicyStateStore {
  get(): Promise<PolicyState | null>;
  set(state: PolicyState): Promise<void>;
}

const PolicyStateSchema = z.strictObject({
  lastGood: z.strictObject({ raw: z.string(), receivedAt: z.string() }).nullable(),
  highestVersion: z.number().int().nonnegative(),
});

/** Keeps the state in memory only (tests, `policy verify`). */
export function createMemoryPolicyStateStore(initial: PolicyState | null = null): PolicyStateStore {
  let state = initial;
  return {
    get: async () => state,
    set: async (next) => {
      state = structuredClone(next);
    },
  };
}

/**
 * A plain JSON file (written atomically). Not tamper-proof — whoever can write the file can roll
 * the policy back — so the app uses the vault's implementation; this one is for the CLI and tests.
 */
export function createJsonFilePolicyStateStore(file: string): PolicyStateStore {
  return {
    async get() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = PolicyStateSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${file} is not a policy state file.`);
      return parsed.data;
    },
    set: (state) => writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`),
  };
}
