/**
 * Details of an AI invocation entry (§3): which model (id and content hash), which provider and a
 * hash of the prompt. The prompt text itself never enters the log: the hash lets an investigator
 * confirm a prompt they hold without the log disclosing it.
 */
import { sha256Hex } from './audit-hash';

/** What the model layer knows about one AI call. */
export interface AiInvocationInput {
  modelId: string;
  /** SHA-256 (hex) of the model pack or weights file, as the model registry verified it. */
  modelHash: string;
  /** 'local', or the on-prem provider's configured name. */
  provider: string;
  /** The prompt as sent; hashed here and dropped. */
  prompt: string;
  /** The task ('summarize', 'chat', ...). */
  task?: string;
  /** Output size in tokens, when known; an integer, as the format requires. */
  outputTokens?: number;
}

/** `details` for an `ai.invoke` entry; contains no prompt text. */
export function aiInvocationDetails(input: AiInvocationInput): Record<string, string | number> {
  if (!/^[0-9a-f]{64}$/.test(input.modelHash)) {
    throw new TypeError('modelHash must be a lowercase hex SHA-256');
  }
  const details: Record<string, string | number> = {
    modelId: input.modelId,
    modelHash: input.modelHash,
    provider: input.provider,
    promptHash: sha256Hex(input.prompt),
    promptChars: input.prompt.length,
  };
  if (input.task !== undefined) details.task = input.task;
  if (input.outputTokens !== undefined) details.outputTokens = Math.trunc(input.outputTokens);
  return details;
}
