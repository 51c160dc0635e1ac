import type { Classification, Industry } from '../../../common/contract';
import type { Clock } from '../clock';
import type { AuthorizationDecision, Authorizer } from '../router/authorizer';
import type { CallContext } from '../router/call-context';
import type { EntityResolver, ResourceFacts } from './entity-resolver';
import { decide } from './policy-decision';
import type { PolicyDecision } from './policy-evaluator';
import type { ActivePolicySource } from './active-policy';

/** What the Cedar authorizer needs; all injected so tests and the composition root choose. */
export interface CedarAuthorizerDeps {
  /** The policy in force (the policy store), read on every call so a new bundle applies at once. */
  policy: ActivePolicySource;
  resolver: EntityResolver;
  clock: Clock;
}

/** A "what if" for the Policy view: the caller, this device, now, and a document of theirs. */
export interface ExplainQuery {
  action: string;
  classification?: Classification;
  exportFormat?: string;
  /** Whose document: the caller's own (default) or someone else's. */
  owner?: 'self' | 'other';
  state?: 'draft' | 'signed';
  industry?: Industry;
}

/** The router's `Authorizer`, plus `explain` for the Policy view and the CLI. */
export interface CedarAuthorizer extends Authorizer {
  /** Decides `query` for the caller without performing anything: allow/deny, why, and which policy. */
  explain(context: CallContext, query: ExplainQuery): Promise<PolicyDecision>;
}

/** Export channels name their format in a `format` field of the request. */
function exportFormatOf(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const format = (request as Record<string, unknown>).format;
  return typeof format === 'string' ? format : undefined;
}

/**
 * The router's authorize stage backed by Cedar: resolves the entities of the call (only those it
 * concerns), then decides with the policy in force. Deny by default; the reason is the deciding
 * policy's `@reason`, and policyId names it (or "default-deny").
 */
export function createCedarAuthorizer(deps: CedarAuthorizerDeps): CedarAuthorizer {
  return {
    name: 'cedar',

    async authorize({ action, request, context }): Promise<AuthorizationDecision> {
      const active = deps.policy.current();
      const kind = active.compiled.actions.get(action)?.resource ?? 'workspace';
      const [user, resource, device] = await Promise.all([
        deps.resolver.user(context),
        deps.resolver.resource(action, request, kind, context),
        deps.resolver.device(),
      ]);
      const { decision, reason, policyId } = decide(active, {
        action,
        user,
        resource,
        device,
        exportFormat: exportFormatOf(request),
        now: deps.clock.now(),
      });
      return { decision, reason, policyId };
    },

    async explain(context, query) {
      const active = deps.policy.current();
      const [user, device] = await Promise.all([deps.resolver.user(context), deps.resolver.device()]);
      const kind = active.compiled.actions.get(query.action)?.resource ?? 'workspace';
      const resource: ResourceFacts =
        kind === 'document'
          ? {
              kind: 'document',
              id: 'explain',
              classification: query.classification ?? 'internal',
              owner: query.owner === 'other' ? `${user.id} (someone else)` : user.id,
              industry: query.industry ?? 'business',
              state: query.state ?? 'draft',
            }
          : { kind: 'workspace' };
      return decide(active, {
        action: query.action,
        user,
        resource,
        device,
        exportFormat: query.exportFormat,
        now: deps.clock.now(),
      });
    },
  };
}
