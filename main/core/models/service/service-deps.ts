/** What the models service is built from (factory injection, no container). */
import type { ModelRoutingPolicy } from '../../../../common/models/model-policy';
import type { OnPremProvider } from '../onprem/onprem-provider';
import type { PackSource } from '../packs/pack-discovery';
import type { TrustedPackKey } from '../packs/pack-signature';
import type { DeidentifyMap } from '../routing/reidentifier';
import type { LocalRuntime, LocalRuntimeOptions } from '../runtime/local-runtime';

/** Dependencies of the models service. */
export interface ModelsServiceOptions {
  /** Where packs are looked for (see defaultPackSources). A function, so managed settings can change. */
  sources: PackSource[] | (() => PackSource[]);
  /** The policy in force now (allowlist, on-prem rules). */
  policy: () => ModelRoutingPolicy;
  trustedKeys?: TrustedPackKey[];
  /**
   * A runtime to share (tests, the on-prem server); otherwise one is created with `runtimeOptions`
   * whose verifier applies `policy`. A shared runtime's verifier must apply the same policy.
   */
  runtime?: LocalRuntime;
  runtimeOptions?: Omit<LocalRuntimeOptions, 'verify'>;
  /** The organisation's on-prem server, when managed configuration names one. */
  onprem?: {
    provider: OnPremProvider;
    chatModel?: string;
    embeddingModel?: string;
    /** Which to try first for non-PHI work when both may serve (default: on-prem). */
    prefer?: 'local' | 'onprem';
  };
  /** The de-identifier from core/builtins (`deidentify(text) → { text, map }`). */
  deidentify?: (text: string) => { text: string; map: DeidentifyMap };
  /** Deterministic fallbacks used when no model may serve (labelled "built-in" to the user). */
  builtins?: { summarize?: (text: string) => string };
  now?: () => Date;
}
