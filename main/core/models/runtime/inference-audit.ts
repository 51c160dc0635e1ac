/**
 * What one inference leaves for the audit log (ARCHITECTURE §3: model id and hash, provider,
 * prompt hash — never the text). The runtime returns it; the router-level audit records it.
 */
import { createHash } from 'node:crypto';

/** Where an inference ran. */
export type InferenceProvider = 'local' | 'onprem' | 'builtin';

/** The audit detail of one inference (never the prompt or the answer). */
export interface InferenceAudit {
  modelId: string;
  /** Pack hash for local packs; for on-prem, sha256 of the server's model name (no weights to hash). */
  packHash: string;
  provider: InferenceProvider;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  /** sha256 hex of the prompt as sent to the model (messages or texts, as canonical JSON). */
  promptHash: string;
}

/** sha256 hex of the prompt's JSON form (messages or texts), so an auditor can match it later. */
export function promptHash(prompt: unknown): string {
  return createHash('sha256').update(JSON.stringify(prompt), 'utf8').digest('hex');
}
