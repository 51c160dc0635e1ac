/** The policy allowlist check: a pack runs only if its id and manifest hash are both approved. */
import type { ModelAllowlist } from '../../../../common/models/model-policy';

/** Null when allowed; otherwise the reason, in words, for the person who asked. */
export function allowlistRefusal(
  allowlist: ModelAllowlist,
  pack: { id: string; packHash: string },
): string | null {
  if (allowlist === null) return null;
  const sameId = allowlist.filter((entry) => entry.id === pack.id);
  if (sameId.some((entry) => entry.sha256 === pack.packHash)) return null;
  if (sameId.length > 0) {
    return (
      `The model pack "${pack.id}" differs from the version your organisation approved ` +
      `(pack hash ${pack.packHash.slice(0, 12)}…). Ask IT to approve this version or reinstall the approved one.`
    );
  }
  return `The model pack "${pack.id}" is not on your organisation's list of approved models.`;
}
