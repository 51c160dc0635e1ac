import type { MODEL_LIMITS as ContractLimits } from '../../../../../common/contract/models.contract';

/**
 * The contract's request limits, restated so the renderer does not bundle zod for six numbers.
 * Typed as the contract's `as const` object: if a limit changes there, this stops compiling.
 */
export const MODEL_LIMITS: typeof ContractLimits = {
  messageChars: 32_000,
  conversationMessages: 64,
  conversationChars: 120_000,
  testPromptChars: 4_000,
  embedTexts: 256,
  embedTextChars: 8_000,
  maxTokens: 2_048,
};
