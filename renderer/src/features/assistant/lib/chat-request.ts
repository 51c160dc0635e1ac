/**
 * Turns the conversation on screen into an `assistant.chat` request within the contract's limits
 * (pure, so the rules are easy to read): the pasted context goes first as a system message, then
 * the finished exchanges, oldest dropped first when the conversation grows past the limits.
 */
import type { ChatMessage, Classification, RequestOf } from '../../../../../common/contract';
import { MODEL_LIMITS } from '../../models/lib/model-limits';

export type AssistantTask = 'chat' | 'summarize' | 'translate';
export type ChatRequest = RequestOf<'assistant.chat'>;

/** Room left in one message for the words around the pasted context. */
export const CONTEXT_MAX_CHARS = MODEL_LIMITS.messageChars - 400;
export const INPUT_MAX_CHARS = MODEL_LIMITS.messageChars;
export const DEFAULT_MAX_TOKENS = 512;

/** One finished exchange (the question and the whole answer) that later questions may refer to. */
export interface Exchange {
  question: string;
  answer: string;
}

export interface ChatInput {
  task: AssistantTask;
  /** What the user typed now (may be empty for summarise/translate, which then use the context). */
  input: string;
  context: string;
  classification: Classification;
  targetLanguage: string;
  maxTokens: number;
  history: Exchange[];
}

/** The text a summarise/translate request works on: what was typed, else the context. */
export function taskSubject(input: string, context: string): string {
  return input.trim() || context.trim();
}

/** Whether there is something to send for this task. */
export function canSend(
  task: AssistantTask,
  input: string,
  context: string,
  targetLanguage: string,
): boolean {
  if (task === 'chat') return input.trim().length > 0;
  if (task === 'translate' && targetLanguage.trim().length < 2) return false;
  return taskSubject(input, context).length > 0;
}

function contextMessage(context: string, classification: Classification): ChatMessage {
  return {
    role: 'system',
    content:
      `The user is working on the following document (classification: ${classification}). ` +
      `Answer their questions about it.\n\n---\n${context}\n---`,
  };
}

/** The request for `assistant.chat`; see the file comment for what is kept. */
export function buildChatRequest(input: ChatInput): ChatRequest {
  const base = {
    classification: input.classification,
    maxTokens: Math.min(Math.max(1, Math.round(input.maxTokens)), MODEL_LIMITS.maxTokens),
  };
  if (input.task !== 'chat') {
    return {
      ...base,
      task: input.task,
      messages: [{ role: 'user', content: taskSubject(input.input, input.context) }],
      ...(input.task === 'translate' ? { targetLanguage: input.targetLanguage.trim() } : {}),
    };
  }

  const context = input.context.trim();
  const head: ChatMessage[] = context ? [contextMessage(context, input.classification)] : [];
  const question: ChatMessage = { role: 'user', content: input.input.trim() };
  const used = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);
  let budgetChars = MODEL_LIMITS.conversationChars - used(head) - question.content.length;
  let budgetMessages = MODEL_LIMITS.conversationMessages - head.length - 1;

  // Newest exchanges first, until the next one would not fit.
  const kept: ChatMessage[] = [];
  for (let i = input.history.length - 1; i >= 0; i -= 1) {
    const { question: q, answer: a } = input.history[i]!;
    const size = q.length + a.length;
    if (budgetMessages < 2 || size > budgetChars || a.length > MODEL_LIMITS.messageChars) break;
    kept.unshift({ role: 'user', content: q }, { role: 'assistant', content: a });
    budgetChars -= size;
    budgetMessages -= 2;
  }
  return { ...base, task: 'chat', messages: [...head, ...kept, question] };
}
