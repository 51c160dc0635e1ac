import { createPublicKey, X509Certificate } from 'node:crypto';
import {
  managedSettingDef,
  managedSettings,
  type ManagedKey,
  type ManagedSettingDef,
  type ManagedValue,
} from './managed-config.schema';

/** One place a reader found managed values: a registry hive, a plist, a JSON file. */
export interface ManagedLayer {
  scope: 'machine' | 'user';
  /** Human-readable origin, shown as the value's source ("HKLM\\SOFTWARE\\Policies\\…"). */
  source: string;
  /** Raw values by name, as the platform stored them (DWORD → number, MULTI_SZ → string[] …). */
  entries: Record<string, unknown>;
  /** What the reader itself could not read (an unparsable file); reported as-is. */
  problems?: ManagedProblem[];
}

/** Something wrong with one managed value (or a whole source): the key, and a sentence for IT. */
export interface ManagedProblem {
  key: string;
  message: string;
}

/** What the reader hands the app: the values that hold, where each came from, and what was wrong. */
export interface ManagedConfig {
  values: Partial<Record<ManagedKey, ManagedValue>>;
  sources: Partial<Record<ManagedKey, string>>;
  problems: ManagedProblem[];
}

export type Coerced = { ok: true; value: ManagedValue } | { ok: false; message: string };

const MAX_STRING = 2_048;
const MAX_PEM = 20_000;

function shown(raw: unknown): string {
  const text = typeof raw === 'string' ? JSON.stringify(raw) : Array.isArray(raw) ? 'a list' : String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function pemProblem(def: Extract<ManagedSettingDef, { type: 'pem' }>, text: string): string | null {
  try {
    if (def.pem === 'certificate') {
      const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      if (blocks.length === 0) return 'expected one or more PEM certificates (-----BEGIN CERTIFICATE-----)';
      for (const block of blocks) new X509Certificate(block);
      return null;
    }
    const key = createPublicKey(text);
    if (def.pem === 'ed25519-public-key' && key.asymmetricKeyType !== 'ed25519') {
      return `expected an Ed25519 public key, got ${key.asymmetricKeyType ?? 'another kind'}`;
    }
    return null;
  } catch {
    return def.pem === 'certificate'
      ? 'the certificate does not parse'
      : 'expected a PEM public key (-----BEGIN PUBLIC KEY-----)';
  }
}

/**
 * Checks one raw value against its definition. Registry DWORD 0/1 count as booleans and a
 * REG_MULTI_SZ as lines of a PEM, since that is how Group Policy stores them.
 */
export function coerceManagedValue(def: ManagedSettingDef, raw: unknown): Coerced {
  const bad = (expected: string): Coerced => ({
    ok: false,
    message: `expected ${expected}, got ${shown(raw)}`,
  });
  switch (def.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 0 || raw === 1) return { ok: true, value: raw === 1 };
      return bad('true or false (a DWORD 0 or 1 in the registry)');
    case 'integer':
      if (typeof raw !== 'number' || !Number.isInteger(raw))
        return bad(`a whole number from ${def.min} to ${def.max}`);
      if (raw < def.min || raw > def.max) return bad(`a whole number from ${def.min} to ${def.max}`);
      return { ok: true, value: raw };
    case 'enum':
      if (typeof raw === 'string' && def.options.includes(raw)) return { ok: true, value: raw };
      return bad(`one of ${def.options.join(', ')}`);
    case 'pem': {
      const text = Array.isArray(raw) && raw.every((line) => typeof line === 'string') ? raw.join('\n') : raw;
      if (typeof text !== 'string' || text.length === 0 || text.length > MAX_PEM) return bad('PEM text');
      const problem = pemProblem(def, text);
      return problem ? { ok: false, message: problem } : { ok: true, value: text.trim() };
    }
    case 'https-url': {
      if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_STRING)
        return bad('an https:// URL');
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return bad('an https:// URL');
      }
      if (url.protocol !== 'https:') {
        return {
          ok: false,
          message: `${shown(raw)} is not an https:// URL; the app only talks to servers over TLS`,
        };
      }
      return { ok: true, value: raw };
    }
    case 'path':
      if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_STRING) return bad('a folder path');
      return { ok: true, value: raw };
    case 'string':
      if (typeof raw !== 'string' || raw.length === 0 || raw.length > def.maxLength) return bad('text');
      if (def.pattern && !def.pattern.test(raw)) return bad(`text matching ${def.pattern.source}`);
      return { ok: true, value: raw };
  }
}

/**
 * Merges layers: machine scope wins over user scope whatever order the layers come in (Mattermost's
 * reader once had it backwards). A value that fails its check is reported and skipped, so a valid
 * lower-priority value — or the default — applies instead; every other value still applies.
 */
export function resolveManagedConfig(layers: readonly ManagedLayer[]): ManagedConfig {
  const ordered = [
    ...layers.filter((l) => l.scope === 'machine'),
    ...layers.filter((l) => l.scope === 'user'),
  ];
  const result: ManagedConfig = { values: {}, sources: {}, problems: [] };
  for (const layer of ordered) {
    result.problems.push(...(layer.problems ?? []));
    for (const [name, raw] of Object.entries(layer.entries)) {
      const def = managedSettingDef(name);
      if (!def) {
        result.problems.push({
          key: name,
          message: `${layer.source}: "${name}" is not a setting StarRing Workspace knows; ignored.`,
        });
        continue;
      }
      const key = def.key as ManagedKey;
      if (def.scope === 'machine' && layer.scope === 'user') {
        result.problems.push({
          key,
          message: `${layer.source}: ${key} is honoured only at machine scope; ignored.`,
        });
        continue;
      }
      const coerced = coerceManagedValue(def, raw);
      if (!coerced.ok) {
        result.problems.push({ key, message: `${layer.source}: ${key}: ${coerced.message}; ignored.` });
        continue;
      }
      if (key in result.values) continue; // a higher-priority layer already set it
      result.values[key] = coerced.value;
      result.sources[key] = layer.source;
    }
  }
  return result;
}

/** Every key in schema order, for callers that list them all. */
export const managedKeys: readonly ManagedKey[] = managedSettings.map((d) => d.key);
