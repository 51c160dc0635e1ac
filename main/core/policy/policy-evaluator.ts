import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { Classification } from '../../../common/contract';
import { actionGroup } from './action-catalog';
import type { DeviceFacts, ResourceFacts, UserFacts } from './entity-resolver';
import type { CompiledPolicies } from './policy-compiler';

/** Everything one decision depends on. */
export interface PolicyRequestFacts {
  action: string;
  user: UserFacts;
  resource: ResourceFacts;
  device: DeviceFacts;
  /** For export actions: the format asked for. */
  exportFormat?: string;
  now: Date;
}

/** A decision with the detail `explain` shows. */
export interface PolicyDecision {
  decision: 'allow' | 'deny';
  /** Sentence for the user: the deciding policy's `@reason`, or a default-deny sentence. */
  reason: string;
  /** The deciding policy's id, or the set's default-deny id when no permit matched. */
  policyId: string;
  /** Every policy that was satisfied and decided (permits on allow, forbids on deny). */
  determining: string[];
  /** Policies that failed to evaluate (Cedar skips them); empty for validated sets. */
  errors: string[];
}

export const classificationLevel: Readonly<Record<Classification, number>> = {
  public: 0,
  internal: 1,
  confidential: 2,
  phi: 3,
};

export const classificationLabel: Readonly<Record<Classification, string>> = {
  public: 'public',
  internal: 'internal',
  confidential: 'confidential',
  phi: 'PHI',
};

const entity = (type: string, id: string) => ({ type, id });

/** The Cedar request for `facts`: only the entities this request concerns. */
function cedarCall(
  facts: PolicyRequestFacts,
  group: string | null,
): Omit<cedar.StatefulAuthorizationCall, 'preparsedPolicySetId'> {
  const user = entity('User', facts.user.id);
  const action = entity('Action', facts.action);
  const entities: cedar.EntityJson[] = [
    {
      uid: user,
      attrs: { department: facts.user.department, clearance: classificationLevel[facts.user.clearance] },
      parents: facts.user.roles.map((role) => entity('Role', role)),
    },
    // Group membership travels as the action's parents: cheaper than validating every request
    // against the schema (the compiled set was validated against it once, at load).
    { uid: action, attrs: {}, parents: group ? [entity('Action', group)] : [] },
  ];
  let resource = entity('Workspace', 'local');
  if (facts.resource.kind === 'document') {
    const doc = facts.resource;
    resource = entity('Document', doc.id);
    entities.push({
      uid: resource,
      attrs: {
        classification: doc.classification,
        classificationLevel: classificationLevel[doc.classification],
        owner: { __entity: entity('User', doc.owner) },
        industry: doc.industry,
        state: doc.state,
      },
      parents: [],
    });
  }
  const context: cedar.Context = {
    device: { managed: facts.device.managed, online: facts.device.online },
    time: {
      hour: facts.now.getHours(),
      weekday: facts.now.getDay(),
      epochSeconds: Math.floor(facts.now.getTime() / 1000),
    },
  };
  if (group === 'export') context.exportFormat = facts.exportFormat ?? '';
  return { principal: user, action, resource, context, entities };
}

function deny(policyId: string, reason: string, errors: string[] = []): PolicyDecision {
  return { decision: 'deny', reason, policyId, determining: [], errors };
}

/** What a default-deny sentence says the user tried: "exporting documents classified PHI". */
export function actionPhrase(action: string, group: string | null, resource: ResourceFacts): string {
  const base = group ? (actionGroup(group)?.phrase ?? `"${action}"`) : `"${action}"`;
  return resource.kind === 'document'
    ? `${base} classified ${classificationLabel[resource.classification]}`
    : base;
}

/** Evaluates one request against a compiled set. Never throws for a bad request: it denies. */
export function evaluatePolicies(compiled: CompiledPolicies, facts: PolicyRequestFacts): PolicyDecision {
  const action = compiled.actions.get(facts.action);
  if (!action) {
    return deny(
      compiled.defaultDenyId,
      `"${facts.action}" is not an action this policy knows, so it is denied.`,
    );
  }
  if ((action.resource === 'document') !== (facts.resource.kind === 'document')) {
    return deny(
      'resource-mismatch',
      `The app could not tell which document "${facts.action}" concerns, so it is denied.`,
    );
  }
  const phrase = actionPhrase(facts.action, action.group, facts.resource);
  if (action.policySetId === null) return deny(compiled.defaultDenyId, compiled.defaultDenyReason(phrase));

  const answer = cedar.statefulIsAuthorized({
    ...cedarCall(facts, action.group),
    preparsedPolicySetId: action.policySetId,
  });
  if (answer.type === 'failure') {
    return deny(
      'evaluation-error',
      'The policy engine could not evaluate this request, so it is denied to be safe.',
      answer.errors.map((e) => e.message),
    );
  }
  const { decision, diagnostics } = answer.response;
  const errors = diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`);
  const determining = compiled.order.filter((id) => diagnostics.reason.includes(id));
  const first = determining[0];
  if (decision === 'allow') {
    const summary = first === undefined ? undefined : compiled.policies.get(first);
    return {
      decision,
      reason: summary?.reason ?? `Allowed by policy "${first ?? 'unknown'}".`,
      policyId: first ?? 'unknown',
      determining,
      errors,
    };
  }
  if (first === undefined)
    return { ...deny(compiled.defaultDenyId, compiled.defaultDenyReason(phrase), errors) };
  return {
    decision,
    reason:
      compiled.policies.get(first)?.reason ??
      `Your organisation's policy "${first}" does not allow ${phrase}.`,
    policyId: first,
    determining,
    errors,
  };
}
