import type { ContractKey } from '../../../common/contract';
import type { CallContext } from './call-context';

export interface AuthorizationRequest {
  action: ContractKey;
  request: unknown;
  context: CallContext;
}

export interface AuthorizationDecision {
  decision: 'allow' | 'deny';
  /** Sentence shown to the user on denial and written to the audit log either way. */
  reason: string;
  /** The policy (or list) that decided, for the audit entry. */
  policyId: string;
}

/** The router's authorize stage. The policy issue plugs Cedar in here. */
export interface Authorizer {
  readonly name: string;
  authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> | AuthorizationDecision;
}

/**
 * The foundation's authorizer: a named, explicit allow-list. Every channel not on it is denied, so
 * a channel added to the contract without a decision about who may call it fails closed.
 */
export function createAllowListAuthorizer(name: string, allowed: readonly ContractKey[]): Authorizer {
  const allowedSet = new Set<ContractKey>(allowed);
  return {
    name,
    authorize({ action }) {
      return allowedSet.has(action)
        ? { decision: 'allow', reason: `"${action}" is on the ${name} allow-list`, policyId: name }
        : {
            decision: 'deny',
            reason: `"${action}" is not on the ${name} allow-list, so it is denied by default`,
            policyId: name,
          };
    },
  };
}
