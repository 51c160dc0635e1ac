/**
 * Decides where an AI request may run, from the data's classification, the organisation's policy
 * and what is available: a local pack, the on-prem server, or a deterministic built-in. Pure, so
 * every rule is a table-driven test. A refusal says why in words the user can act on.
 */
import type { ModelTask } from '../../../../common/models/pack-manifest';
import type { ModelRoutingPolicy } from '../../../../common/models/model-policy';

/** The document classification (as in the workspace contract). */
export type Classification = 'public' | 'internal' | 'confidential' | 'phi';
/** What the caller wants done. */
export type AssistantTask = 'chat' | 'summarize' | 'translate' | 'embed' | 'detect-entities';

/** Everything the decision depends on, gathered by the caller. */
export interface RouteInput {
  classification: Classification;
  task: AssistantTask;
  policy: Pick<ModelRoutingPolicy, 'allowOnPrem' | 'deidentifyBeforeOnPrem'>;
  /** Local packs present and approved by the allowlist (the caller filters). */
  local: { modelId: string; tasks: ModelTask[] }[];
  /** The on-prem server, when configured; `available` is false while its circuit is open. */
  onprem: { available: boolean; chatModel?: string; embeddingModel?: string } | null;
  /** Tasks a deterministic built-in can do (extractive summary, rule-based PHI detection). */
  builtinTasks: AssistantTask[];
  deidentifierAvailable: boolean;
  /** Which provider to try first when both may serve (policy default: on-prem, the larger model). */
  prefer?: 'local' | 'onprem';
  /** A specific local pack id or on-prem model the user picked. */
  requestedModel?: string;
}

/** Where to run it (and whether to de-identify first), or why not. */
export type RouteDecision =
  | { ok: true; provider: 'local' | 'onprem' | 'builtin'; model: string; deidentify: boolean }
  | { ok: false; code: 'POLICY_DENIED' | 'MODEL_UNAVAILABLE'; reason: string };

const LOCAL_TASKS: Record<AssistantTask, ModelTask[]> = {
  chat: ['chat'],
  summarize: ['chat'],
  translate: ['chat'],
  embed: ['feature-extraction'],
  'detect-entities': ['token-classification'],
};

const VERB: Record<AssistantTask, string> = {
  chat: 'chat',
  summarize: 'summarise',
  translate: 'translate',
  embed: 'index text for search',
  'detect-entities': 'detect identifiers',
};

/** Why on-prem may not take this request, or null when it may (and whether to de-identify). */
function onPremBlock(input: RouteInput): { reason: string | null; deidentify: boolean; policy: boolean } {
  const { policy, classification, task } = input;
  const onprem = input.onprem;
  const model = task === 'embed' ? onprem?.embeddingModel : onprem?.chatModel;
  // With no server configured, what the policy would say about one is beside the point.
  if (!onprem || !model)
    return { reason: 'no on-prem model server is configured for this', deidentify: false, policy: false };
  if (!policy.allowOnPrem)
    return {
      reason: "your organisation's policy does not allow on-prem models",
      deidentify: false,
      policy: true,
    };
  if (classification === 'phi') {
    if (task === 'embed' || task === 'detect-entities') {
      // Embeddings or identifier detection of de-identified text would be useless, and raw PHI may not go.
      return { reason: 'PHI is indexed and checked on this device only', deidentify: false, policy: true };
    }
    if (!policy.deidentifyBeforeOnPrem) {
      return {
        reason: "your organisation's policy does not allow on-prem models for PHI",
        deidentify: false,
        policy: true,
      };
    }
    if (!input.deidentifierAvailable) {
      return {
        reason: 'PHI must be de-identified before it goes on-prem, and de-identification is not available',
        deidentify: false,
        policy: false,
      };
    }
  }
  if (!onprem.available)
    return {
      reason: 'the on-prem model server is not reachable right now',
      deidentify: false,
      policy: false,
    };
  return { reason: null, deidentify: classification === 'phi', policy: false };
}

/** Decides the route; see the rules in the comments below and the table test beside it. */
export function chooseRoute(input: RouteInput): RouteDecision {
  const wanted = LOCAL_TASKS[input.task];
  const locals = input.local.filter((pack) => pack.tasks.some((t) => wanted.includes(t)));
  const local = input.requestedModel ? locals.find((p) => p.modelId === input.requestedModel) : locals[0];
  const block = onPremBlock(input);
  const onpremModel = input.task === 'embed' ? input.onprem?.embeddingModel : input.onprem?.chatModel;
  const onpremOk =
    block.reason === null && !!onpremModel && (!input.requestedModel || input.requestedModel === onpremModel);

  // PHI stays on the device whenever a local model can do the job; otherwise the preference decides.
  const localFirst = input.classification === 'phi' || (input.prefer ?? 'onprem') === 'local';
  const order: ('local' | 'onprem')[] = localFirst ? ['local', 'onprem'] : ['onprem', 'local'];
  for (const provider of order) {
    if (provider === 'local' && local)
      return { ok: true, provider: 'local', model: local.modelId, deidentify: false };
    if (provider === 'onprem' && onpremOk)
      return { ok: true, provider: 'onprem', model: onpremModel!, deidentify: block.deidentify };
  }
  if (!input.requestedModel && input.builtinTasks.includes(input.task)) {
    return { ok: true, provider: 'builtin', model: `builtin:${input.task}`, deidentify: false };
  }

  const reasons: string[] = [];
  if (block.reason) reasons.push(block.reason);
  if (!local) {
    reasons.push(
      input.requestedModel
        ? `the model "${input.requestedModel}" is not installed and approved here`
        : `no approved local model that can ${VERB[input.task]} is installed`,
    );
  }
  const prefix =
    input.classification === 'phi' ? 'PHI stays on this device: ' : 'No model may take this request: ';
  return {
    ok: false,
    code: block.policy && !local ? 'POLICY_DENIED' : 'MODEL_UNAVAILABLE',
    reason: `${prefix}${reasons.join(', and ')}.`,
  };
}
