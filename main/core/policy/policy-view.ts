import type { PolicyCurrent, PolicyExplanation } from '../../../common/contract/policy.contract';
import type { CallContext } from '../router/call-context';
import type { CedarAuthorizer, ExplainQuery } from './cedar-authorizer';
import type { PolicyStore } from './policy-store';

/** The `policy.current` reply for the policy in force. */
export function policyCurrentView(store: PolicyStore): PolicyCurrent {
  const active = store.current();
  const refused = store.lastRefusal();
  return {
    source: active.source,
    expired: active.expired,
    tenant: active.bundle?.tenant ?? null,
    version: active.bundle?.version ?? null,
    signerKeyId: active.keyId,
    issuedAt: active.bundle?.issuedAt ?? null,
    expiresAt: active.bundle?.expiresAt ?? null,
    settings: { ...active.settings, allowOnPrem: active.settings.allowOnPrem ?? false },
    policyCount: active.compiled.policies.size,
    lastRefusal: refused && { at: refused.at, code: refused.refusal.code, message: refused.refusal.message },
  };
}

/** The `policy.explain` reply: the full decision, trimmed to what the Policy view shows. */
export async function policyExplainView(
  authorizer: CedarAuthorizer,
  context: CallContext,
  query: ExplainQuery,
): Promise<PolicyExplanation> {
  const { decision, reason, policyId } = await authorizer.explain(context, query);
  return { decision, reason, policyId };
}
