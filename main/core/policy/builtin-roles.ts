/**
 * The roles the app knows out of the box. Their policies live in `policies/base-roles.cedar`,
 * which every sample bundle starts from; a tenant may add roles of its own (identity assigns them).
 */
export const builtinRoles = [
  'clinician',
  'engineer',
  'reviewer',
  'compliance-officer',
  'it-admin',
  'viewer',
] as const;
export type BuiltinRole = (typeof builtinRoles)[number];

/** Role ids a policy text names (`Role::"…"`), in order of first appearance. */
export function referencedRoles(policyText: string): string[] {
  const roles = new Set<string>();
  for (const match of policyText.matchAll(/Role\s*::\s*"((?:[^"\\]|\\.)*)"/g)) roles.add(match[1]!);
  return [...roles];
}
