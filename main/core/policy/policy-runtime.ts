import { join } from 'node:path';
import type { Clock } from '../clock';
import type { ManagedConfig } from '../managed-config/managed-config.resolve';
import { trustedKeyFromPem, type TrustedKey } from './bundle-signature';
import { createCedarAuthorizer, type CedarAuthorizer } from './cedar-authorizer';
import { createLocalEntityResolver, type DeviceFacts, type LocalResolverOptions } from './entity-resolver';
import type { PolicyRefusal } from './policy-refusal';
import { createJsonFilePolicyStateStore } from './policy-state.store';
import { createPolicyStore, type PolicyStore } from './policy-store';

export interface PolicyRuntime {
  store: PolicyStore;
  authorizer: CedarAuthorizer;
  /** Problems with the trust roots from managed configuration, shown in the Policy view. */
  problems: string[];
  /** Adds a tenant policy key learnt at sync enrollment, then loads a saved bundle it signed. */
  trust(publicKeyPem: string): Promise<void>;
}

/**
 * The policy in force on this device: trust roots and tenant from managed configuration, the last
 * good bundle from the data folder (re-verified at every start), Cedar deciding every call.
 */
export async function createPolicyRuntime(options: {
  dataDir: string;
  managed: ManagedConfig;
  clock: Clock;
  device: () => DeviceFacts;
  onRefused?: (refusal: PolicyRefusal) => void;
  /** Looks a document up for document-scoped actions (the documents service, bound after the vault). */
  findDocument?: LocalResolverOptions['findDocument'];
}): Promise<PolicyRuntime> {
  const problems: string[] = [];
  // Mutable on purpose: sync enrollment adds the tenant key after start (see `trust`).
  const trustedKeys: TrustedKey[] = [];
  const pem = options.managed.values.PolicyPublicKey;
  if (typeof pem === 'string' && pem.trim() !== '') {
    try {
      trustedKeys.push(trustedKeyFromPem(pem));
    } catch (error) {
      problems.push(`PolicyPublicKey is not a usable public key: ${(error as Error).message}`);
    }
  }
  const tenant = options.managed.values.TenantId;
  const store = createPolicyStore({
    state: createJsonFilePolicyStateStore(join(options.dataDir, 'policy-state.json')),
    trustedKeys,
    clock: options.clock,
    ...(typeof tenant === 'string' && { tenant }),
    ...(options.onRefused && { onRefused: options.onRefused }),
  });
  await store.load();
  const authorizer = createCedarAuthorizer({
    policy: store,
    resolver: createLocalEntityResolver({
      device: options.device,
      ...(options.findDocument && { findDocument: options.findDocument }),
    }),
    clock: options.clock,
  });
  return {
    store,
    authorizer,
    problems,
    async trust(publicKeyPem) {
      const key = trustedKeyFromPem(publicKeyPem);
      if (trustedKeys.some((known) => known.keyId === key.keyId)) return;
      trustedKeys.push(key);
      await store.retryLoad();
    },
  };
}
