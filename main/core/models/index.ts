/**
 * The models feature's public surface for the composition root (core.ts), the CLI and the
 * enterprise server. Everything else under main/core/models is internal.
 */
export { createModelsService, type ModelsService } from './service/models.service';
export type { ModelsServiceOptions } from './service/service-deps';
export type { InferenceRecord } from './service/assistant-chat';
export { defaultPackSources } from './service/pack-catalog';
export {
  createLocalRuntime,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type RuntimeEvent,
} from './runtime/local-runtime';
export { nodeWorkerLauncher, type WorkerHandle, type WorkerLauncher } from './runtime/worker-host';
export type { InferenceAudit, InferenceProvider } from './runtime/inference-audit';
export {
  createOnPremProvider,
  type OnPremProvider,
  type OnPremProviderOptions,
} from './onprem/onprem-provider';
export { createOpenAiCompatHandler } from './onprem/openai-compat.server';
export { chooseRoute, type RouteDecision, type RouteInput } from './routing/route-chooser';
export { verifyPack, type VerifiedPack } from './packs/pack-verifier';
export { packFolder } from './packs/pack-builder';
export { discoverPacks, type PackSource } from './packs/pack-discovery';
export { packHash, signManifest, type TrustedPackKey } from './packs/pack-signature';
