import { createHash } from 'node:crypto';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { ActionInfo } from './action-catalog';
import { buildCedarSchema } from './policy-schema';

/** One policy of a compiled set, as `policy show` and `explain` describe it. */
export interface PolicySummary {
  /** `@id("…")` when given, else Cedar's positional id (`policy0`). */
  id: string;
  effect: 'permit' | 'forbid';
  /** `@reason("…")`: the sentence a user sees when this policy decides. */
  reason: string | null;
  /** `all`, or the action and group ids in the policy's scope. */
  scope: 'all' | string[];
}

/** A compiled action: which preparsed Cedar policy set to ask, if any policy can apply. */
export interface CompiledAction extends ActionInfo {
  /** Preparsed set holding only the policies whose scope can match this action; null when none. */
  policySetId: string | null;
}

/** A validated, sliced and preparsed policy set. Evaluate it with policy-evaluator.ts. */
export interface CompiledPolicies {
  /** Names the set in messages and audit (`builtin`, `bundle acme v7`). */
  label: string;
  /** What a denial that no forbid decided reports as its policy id. */
  defaultDenyId: string;
  /** Sentence for a default denial, given the action's phrase ("exporting documents"). */
  defaultDenyReason(phrase: string): string;
  actions: ReadonlyMap<string, CompiledAction>;
  policies: ReadonlyMap<string, PolicySummary>;
  /** Policy ids in source order, so the first deciding policy is the one written first. */
  order: readonly string[];
  /** Cedar's validation warnings (not fatal). */
  warnings: string[];
}

export type CompileResult = { ok: true; compiled: CompiledPolicies } | { ok: false; message: string };

/** How to compile: the action universe, a label for messages, and the default-deny wording. */
export interface CompileOptions {
  label: string;
  actions: readonly ActionInfo[];
  defaultDenyId?: string;
  defaultDenyReason?: (phrase: string) => string;
}

/** Most policies a bundle may hold: far above any real set, low enough to keep load time bounded. */
export const MAX_POLICIES = 5_000;

const schemaCache = new Map<string, string>();

function schemaFor(actions: readonly ActionInfo[]): string {
  const key = actions.map((a) => `${a.id}:${a.group ?? ''}`).join(',');
  let schema = schemaCache.get(key);
  if (schema === undefined) {
    schema = buildCedarSchema(actions);
    schemaCache.set(key, schema);
  }
  return schema;
}

function describe(errors: readonly cedar.DetailedError[], limit = 5): string {
  const parts = errors.slice(0, limit).map((e) => (e.help ? `${e.message} (${e.help})` : e.message));
  if (errors.length > limit) parts.push(`and ${errors.length - limit} more`);
  return parts.join('; ');
}

type ActionRef = { type: string; id: string } | { __entity: { type: string; id: string } };
const refId = (ref: ActionRef): string => ('__entity' in ref ? ref.__entity.id : ref.id);

function scopeOf(constraint: cedar.ActionConstraint): 'all' | string[] {
  if (constraint.op === 'All') return 'all';
  if ('slot' in constraint) return [];
  if ('entity' in constraint) return [refId(constraint.entity as ActionRef)];
  return constraint.entities.map((e) => refId(e as ActionRef));
}

/**
 * Parses Cedar text, validates it against the schema (strict), reads each policy's `@id` and
 * `@reason`, and preparses one slice per action. Slicing is exact: a policy whose action scope
 * cannot match an action can never be satisfied for it. It matters because cedar-wasm's per-call
 * cost grows with the size of the set it is handed (about 1.5 µs per policy on our CI machine).
 */
export function compilePolicies(text: string, options: CompileOptions): CompileResult {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure')
    return { ok: false, message: `Cedar could not parse the policies: ${describe(parts.errors)}` };
  if (parts.policy_templates.length > 0) {
    return {
      ok: false,
      message: 'Policy templates (with ?principal or ?resource slots) are not supported in bundles.',
    };
  }
  if (parts.policies.length > MAX_POLICIES) {
    return {
      ok: false,
      message: `The bundle holds ${parts.policies.length} policies; at most ${MAX_POLICIES} are allowed.`,
    };
  }
  // Cedar returns the parts sorted by positional id; restore source order for "first deciding policy".
  const ordered = parts.policies
    .map((policyText, index) => ({ policyText, at: text.indexOf(policyText), index }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at - b.at));

  const byId: Record<string, string> = {};
  const summaries = new Map<string, PolicySummary>();
  for (const [index, { policyText }] of ordered.entries()) {
    const json = cedar.policyToJson(policyText);
    if (json.type === 'failure') return { ok: false, message: describe(json.errors) };
    const annotations = json.json.annotations ?? {};
    const id = annotations.id ?? `policy${index}`;
    if (summaries.has(id))
      return { ok: false, message: `Two policies share the id "${id}"; each @id must be unique.` };
    byId[id] = policyText;
    summaries.set(id, {
      id,
      effect: json.json.effect,
      reason: annotations.reason ?? null,
      scope: scopeOf(json.json.action),
    });
  }

  const schema = schemaFor(options.actions);
  const validation = cedar.validate({
    schema,
    policies: { staticPolicies: byId },
    validationSettings: { mode: 'strict' },
  });
  if (validation.type === 'failure') return { ok: false, message: describe(validation.errors) };
  if (validation.validationErrors.length > 0) {
    return {
      ok: false,
      message: `The policies do not match the app's schema: ${describe(validation.validationErrors.map((e) => e.error))}`,
    };
  }
  const warnings = [...validation.validationWarnings.map((w) => w.error), ...validation.otherWarnings].map(
    (w) => w.message,
  );

  const digest = createHash('sha256')
    .update(options.label)
    .update('\0')
    .update(schema)
    .update('\0')
    .update(text);
  const prefix = digest.digest('hex').slice(0, 16);
  const actions = new Map<string, CompiledAction>();
  for (const action of options.actions) {
    const slice: Record<string, string> = {};
    for (const summary of summaries.values()) {
      const { scope } = summary;
      if (
        scope === 'all' ||
        scope.includes(action.id) ||
        (action.group !== null && scope.includes(action.group))
      ) {
        slice[summary.id] = byId[summary.id]!;
      }
    }
    let policySetId: string | null = null;
    if (Object.keys(slice).length > 0) {
      policySetId = `${prefix}:${action.id}`;
      // Same id for the same text: re-preparsing replaces the cached set, so repeated loads do not grow it.
      const result = cedar.preparsePolicySet(policySetId, { staticPolicies: slice });
      if (result.type === 'failure') return { ok: false, message: describe(result.errors) };
    }
    actions.set(action.id, { ...action, policySetId });
  }

  return {
    ok: true,
    compiled: {
      label: options.label,
      defaultDenyId: options.defaultDenyId ?? 'default-deny',
      defaultDenyReason:
        options.defaultDenyReason ??
        ((phrase) => `Your organisation's policy does not allow ${phrase} (no policy permits it).`),
      actions,
      policies: summaries,
      order: [...summaries.keys()],
      warnings,
    },
  };
}
