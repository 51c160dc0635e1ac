import { VaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

/** A JSON value as stored in settings and sync payloads. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Per-vault settings: JSON values under string keys, journaled like every other change. */
export interface SettingsRepo {
  /** The value, or undefined when the key was never set. */
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<void>;
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
    throw new VaultError('INVALID_ARGUMENT', 'A setting key must be a string of 1–200 characters.');
  }
}

export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new VaultError('INVALID_ARGUMENT', `${what} is not JSON-serialisable.`, { cause: err });
  }
  if (text === undefined) throw new VaultError('INVALID_ARGUMENT', `${what} is not a JSON value.`);
  return text;
}

export function createSettingsRepo(store: () => VaultStore): SettingsRepo {
  return {
    async get(key) {
      checkKey(key);
      const s = store();
      return s.exclusive(() => {
        const row = s.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
        return row ? (JSON.parse(row.value) as JsonValue) : undefined;
      });
    },
    async set(key, value) {
      checkKey(key);
      const text = toJsonText(value, `Setting ${key}`);
      const s = store();
      await s.exclusive(() =>
        s.commit([['INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [key, text]]]),
      );
    },
    async delete(key) {
      checkKey(key);
      const s = store();
      await s.exclusive(() => s.commit([['DELETE FROM settings WHERE key = ?', [key]]]));
    },
  };
}
