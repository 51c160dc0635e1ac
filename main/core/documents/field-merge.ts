/**
 * Field-wise three-way merge for saves from two windows. Each save carries the version it started
 * from (its base). Against the latest version: a field only the other side changed is taken from
 * the latest; a field only this save changed is taken from the save; a field both changed to
 * different values is a conflict — never silently overwritten.
 */
import { canonicalJson, type FieldValue } from '../../../common/documents';

type Values = Record<string, FieldValue>;

export type MergeResult =
  { ok: true; values: Values; fromLatest: string[] } | { ok: false; conflicts: string[] };

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function mergeFields(base: Values, latest: Values, mine: Values): MergeResult {
  const keys = new Set([...Object.keys(base), ...Object.keys(latest), ...Object.keys(mine)]);
  const values: Values = {};
  const fromLatest: string[] = [];
  const conflicts: string[] = [];
  for (const key of keys) {
    const mineChanged = !same(base[key], mine[key]);
    const theirsChanged = !same(base[key], latest[key]);
    let pick: FieldValue | undefined;
    if (mineChanged && theirsChanged && !same(mine[key], latest[key])) {
      conflicts.push(key);
      continue;
    } else if (theirsChanged && !mineChanged) {
      pick = latest[key];
      fromLatest.push(key);
    } else {
      pick = mine[key];
    }
    if (pick !== undefined) values[key] = pick;
  }
  return conflicts.length ? { ok: false, conflicts } : { ok: true, values, fromLatest };
}

/** The same rule for a single value (the title). */
export function mergeOne<T>(
  base: T,
  latest: T,
  mine: T,
): { ok: true; value: T; fromLatest: boolean } | { ok: false } {
  const mineChanged = !same(base, mine);
  const theirsChanged = !same(base, latest);
  if (mineChanged && theirsChanged && !same(mine, latest)) return { ok: false };
  if (theirsChanged && !mineChanged) return { ok: true, value: latest, fromLatest: true };
  return { ok: true, value: mine, fromLatest: false };
}
