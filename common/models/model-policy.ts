/**
 * The model settings a policy bundle carries (ARCHITECTURE §4): which packs are approved (by the
 * hash of their manifest) and whether work may go to the on-prem model server, de-identified first.
 * The policy engine owns the bundle; this is the shape the models service consumes.
 */
import { z } from 'zod';

/** One approved pack: its id and pack hash. */
export const ModelAllowlistEntry = z.strictObject({
  id: z.string().min(1).max(64),
  /** The pack hash: sha256 of the canonical manifest (`starring models list` prints it). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ModelAllowlistEntry = z.infer<typeof ModelAllowlistEntry>;

/** `null`: no policy restricts which packs may run (no bundle yet, or the bundle leaves it open). */
export const ModelAllowlist = z.array(ModelAllowlistEntry).max(1_000).nullable();
export type ModelAllowlist = z.infer<typeof ModelAllowlist>;

/** The model part of the policy bundle. */
export const ModelRoutingPolicy = z.strictObject({
  /** May prompts go to the organisation's on-prem model server at all? */
  allowOnPrem: z.boolean(),
  /** Must PHI be de-identified before it reaches the on-prem server? (PHI never goes raw.) */
  deidentifyBeforeOnPrem: z.boolean(),
  allowlist: ModelAllowlist,
  /** Refuse packs without a valid signature from a trusted organisation key. */
  requireSignedPacks: z.boolean().default(false),
});
export type ModelRoutingPolicy = z.infer<typeof ModelRoutingPolicy>;
