/**
 * The packs this device has, as the service sees them: discovery (cached until refreshed), the
 * result of the last full verification per pack, policy approval, and usage figures (last use,
 * measured speed) for the Settings view. Verification results are keyed by pack hash, so a pack
 * whose manifest changed on disk is "unchecked" again.
 */
import { join } from 'node:path';
import { AppError } from '../../../../common/errors';
import type { ModelRoutingPolicy } from '../../../../common/models/model-policy';
import { packBytes } from '../../../../common/models/pack-manifest';
import { allowlistRefusal } from '../packs/model-allowlist';
import { discoverPacks, findPack, type DiscoveredPack, type PackSource } from '../packs/pack-discovery';
import { checkManifestSignature, type TrustedPackKey } from '../packs/pack-signature';
import { verifyPack, type VerifiedPack, type VerifyProgress } from '../packs/pack-verifier';

/** The integrity state shown for a pack. */
export interface PackStatus {
  integrity: 'verified' | 'unchecked' | 'failed';
  problem?: string;
}

/** The packs of this device and what is known about them. */
export interface PackCatalog {
  all(refresh?: boolean): Promise<DiscoveredPack[]>;
  /** The usable pack with this id; NOT_FOUND when there is none. */
  get(id: string): Promise<DiscoveredPack & Required<Pick<DiscoveredPack, 'manifest' | 'packHash'>>>;
  verify(
    dir: string,
    options: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void },
  ): Promise<VerifiedPack>;
  status(pack: DiscoveredPack): PackStatus;
  allowed(pack: DiscoveredPack): boolean;
  signature(pack: DiscoveredPack): 'unsigned' | 'valid' | 'invalid' | 'unknown-key';
  sizeBytes(pack: DiscoveredPack): number;
  noteUse(id: string, tokensPerSecond?: number): void;
  usage(id: string): { lastUsed?: string; tokensPerSecond?: number };
}

/** The standard places: the app's models/ (and models/generated in a source checkout), IT's folder, the user's. */
export function defaultPackSources(paths: {
  appModelsDir: string;
  managedDir?: string;
  userDir?: string;
}): PackSource[] {
  return [
    ...(paths.managedDir ? [{ dir: paths.managedDir, origin: 'managed' as const }] : []),
    { dir: paths.appModelsDir, origin: 'app' },
    { dir: join(paths.appModelsDir, 'generated'), origin: 'app' },
    ...(paths.userDir ? [{ dir: paths.userDir, origin: 'user' as const }] : []),
  ];
}

/** Creates the catalog over the given sources and policy. */
export function createPackCatalog(deps: {
  sources: () => PackSource[];
  policy: () => ModelRoutingPolicy;
  trustedKeys?: TrustedPackKey[];
  now?: () => Date;
}): PackCatalog {
  let cache: DiscoveredPack[] | undefined;
  const results = new Map<string, PackStatus & { packHash: string }>();
  const usage = new Map<string, { lastUsed?: string; tokensPerSecond?: number }>();
  const now = deps.now ?? (() => new Date());

  const all = async (refresh = false): Promise<DiscoveredPack[]> => {
    if (!cache || refresh) cache = await discoverPacks(deps.sources());
    return cache;
  };

  return {
    all,
    async get(id) {
      const pack = findPack(await all(), id) ?? findPack(await all(true), id);
      if (!pack?.manifest || !pack.packHash) {
        throw new AppError('NOT_FOUND', `No model pack with the id "${id}" is installed.`);
      }
      return pack as DiscoveredPack & Required<Pick<DiscoveredPack, 'manifest' | 'packHash'>>;
    },
    async verify(dir, options) {
      const policy = deps.policy();
      try {
        const verified = await verifyPack(dir, {
          allowlist: policy.allowlist,
          requireSignature: policy.requireSignedPacks,
          ...(deps.trustedKeys ? { trustedKeys: deps.trustedKeys } : {}),
          ...options,
        });
        results.set(dir, { integrity: 'verified', packHash: verified.packHash });
        return verified;
      } catch (error) {
        const reason = error instanceof AppError ? error.details?.reason : undefined;
        const pack = (cache ?? []).find((p) => p.dir === dir);
        if (
          (reason === 'integrity' || reason === 'manifest-invalid' || reason === 'signature') &&
          pack?.packHash
        ) {
          results.set(dir, {
            integrity: 'failed',
            problem: (error as Error).message,
            packHash: pack.packHash,
          });
        }
        throw error;
      }
    },
    status(pack) {
      const result = results.get(pack.dir);
      if (!pack.manifest) return { integrity: 'failed', problem: pack.problem ?? 'unreadable manifest' };
      if (result && result.packHash === pack.packHash) {
        return { integrity: result.integrity, ...(result.problem ? { problem: result.problem } : {}) };
      }
      return {
        integrity: pack.problem ? 'failed' : 'unchecked',
        ...(pack.problem ? { problem: pack.problem } : {}),
      };
    },
    allowed(pack) {
      if (!pack.manifest || !pack.packHash) return false;
      return (
        allowlistRefusal(deps.policy().allowlist, { id: pack.manifest.id, packHash: pack.packHash }) === null
      );
    },
    signature: (pack) =>
      pack.manifest ? checkManifestSignature(pack.manifest, deps.trustedKeys ?? []) : 'unsigned',
    sizeBytes: (pack) => (pack.manifest ? packBytes(pack.manifest) : 0),
    noteUse(id, tokensPerSecond) {
      const previous = usage.get(id) ?? {};
      usage.set(id, {
        lastUsed: now().toISOString(),
        ...(tokensPerSecond
          ? { tokensPerSecond }
          : previous.tokensPerSecond
            ? { tokensPerSecond: previous.tokensPerSecond }
            : {}),
      });
    },
    usage: (id) => usage.get(id) ?? {},
  };
}
