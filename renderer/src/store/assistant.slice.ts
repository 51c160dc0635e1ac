import type { AssistantChatEvent, Classification } from '../../../common/contract';
import type { AppErrorData } from '../../../common/errors';
import { openStream } from '../api';
import {
  DEFAULT_MAX_TOKENS,
  buildChatRequest,
  canSend,
  type AssistantTask,
  type Exchange,
} from '../features/assistant/lib/chat-request';
import type { SliceCreator, StoreState } from './types';

type RouteEvent = Extract<AssistantChatEvent, { type: 'route' }>;
type ProgressEvent = Extract<AssistantChatEvent, { type: 'progress' }>;
type NoticeEvent = Extract<AssistantChatEvent, { type: 'notice' }>;
type DoneEvent = Extract<AssistantChatEvent, { type: 'done' }>;

export interface UserTurn {
  id: number;
  role: 'user';
  task: AssistantTask;
  /** What was typed; empty when a summary or translation of the context was asked for. */
  text: string;
  targetLanguage: string;
}

export interface AnswerTurn {
  id: number;
  role: 'assistant';
  task: AssistantTask;
  classification: Classification;
  /** pending: routed or loading, no text yet; stopped: the user cancelled it. */
  status: 'pending' | 'streaming' | 'done' | 'stopped' | 'failed';
  text: string;
  route?: Omit<RouteEvent, 'type'>;
  progress?: Omit<ProgressEvent, 'type'>;
  /** Tokens generated so far (local models report it), against `maxTokens`. */
  generated: number;
  maxTokens: number;
  notices: Omit<NoticeEvent, 'type'>[];
  done?: Omit<DoneEvent, 'type'>;
  error?: AppErrorData;
}

export type AssistantTurn = UserTurn | AnswerTurn;

export interface AssistantState {
  turns: AssistantTurn[];
  /** An answer is being produced (its subscription is open). */
  running: boolean;
  draft: string;
  context: string;
  classification: Classification;
  task: AssistantTask;
  targetLanguage: string;
  maxTokens: number;
}

export type AssistantSettings = Pick<
  AssistantState,
  'draft' | 'context' | 'classification' | 'task' | 'targetLanguage' | 'maxTokens'
>;

/**
 * The assistant's conversation lives in the store, so an answer keeps streaming (and is still
 * there) while the user looks at another section. It holds what the user pasted and asked, so it
 * is wiped when the vault locks.
 */
export interface AssistantSlice {
  assistant: AssistantState;
  setAssistant(patch: Partial<AssistantSettings>): void;
  /** Sends the draft; false when there is nothing to send or an answer is still running. */
  sendAssistant(): boolean;
  /** Cancels the running answer at once; what arrived so far stays, marked "Stopped". */
  stopAssistant(): void;
  clearAssistant(): void;
}

const initialState: AssistantState = {
  turns: [],
  running: false,
  draft: '',
  context: '',
  classification: 'internal',
  task: 'chat',
  targetLanguage: '',
  maxTokens: DEFAULT_MAX_TOKENS,
};

let nextTurnId = 0;

/** The finished chat exchanges that later questions may refer to. */
function exchanges(turns: AssistantTurn[]): Exchange[] {
  const out: Exchange[] = [];
  for (let i = 0; i + 1 < turns.length; i += 1) {
    const question = turns[i]!;
    const answer = turns[i + 1]!;
    if (question.role !== 'user' || answer.role !== 'assistant') continue;
    if (question.task === 'chat' && answer.status === 'done' && answer.text) {
      out.push({ question: question.text, answer: answer.text });
    }
  }
  return out;
}

const isUnlocked = (state: StoreState): boolean =>
  state.vault.phase === 'ready' && state.vault.state.state === 'unlocked';

export const createAssistantSlice: SliceCreator<AssistantSlice> = (set, get, store) => {
  let cancel: (() => void) | null = null;

  const patchTurn = (id: number, patch: (turn: AnswerTurn) => Partial<AnswerTurn>): void => {
    const state = get().assistant;
    set({
      assistant: {
        ...state,
        turns: state.turns.map((turn) =>
          turn.id === id && turn.role === 'assistant' ? { ...turn, ...patch(turn) } : turn,
        ),
      },
    });
  };

  const finish = (): void => {
    cancel = null;
    set({ assistant: { ...get().assistant, running: false } });
  };

  // Locked (idle lock, Lock button): forget the conversation and the pasted text.
  store.subscribe((state, previous) => {
    if (isUnlocked(previous) && !isUnlocked(state)) {
      cancel?.();
      cancel = null;
      const { classification, task, targetLanguage, maxTokens } = state.assistant;
      set({ assistant: { ...initialState, classification, task, targetLanguage, maxTokens } });
    }
  });

  return {
    assistant: initialState,

    setAssistant(patch) {
      set({ assistant: { ...get().assistant, ...patch } });
    },

    sendAssistant() {
      const state = get().assistant;
      const { task, draft, context, targetLanguage } = state;
      if (state.running || !canSend(task, draft, context, targetLanguage)) return false;
      const request = buildChatRequest({
        task,
        input: draft,
        context,
        classification: state.classification,
        targetLanguage,
        maxTokens: state.maxTokens,
        history: exchanges(state.turns),
      });
      const question: UserTurn = {
        id: ++nextTurnId,
        role: 'user',
        task,
        text: draft.trim(),
        targetLanguage: targetLanguage.trim(),
      };
      const answerId = ++nextTurnId;
      const answer: AnswerTurn = {
        id: answerId,
        role: 'assistant',
        task,
        classification: state.classification,
        status: 'pending',
        text: '',
        generated: 0,
        maxTokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        notices: [],
      };
      set({ assistant: { ...state, draft: '', running: true, turns: [...state.turns, question, answer] } });

      cancel = openStream('assistant.chat', request, {
        onEvent(event) {
          switch (event.type) {
            case 'route': {
              const { provider, modelId, deidentified } = event;
              patchTurn(answerId, () => ({ route: { provider, modelId, deidentified } }));
              break;
            }
            case 'progress': {
              const { stage, done, total } = event;
              patchTurn(answerId, () => ({ progress: { stage, done, total } }));
              break;
            }
            case 'notice':
              patchTurn(answerId, (turn) => ({
                notices: [...turn.notices, { code: event.code, message: event.message }],
              }));
              break;
            case 'token':
              patchTurn(answerId, (turn) => ({
                status: 'streaming',
                text: turn.text + event.text,
                generated: event.generated ?? turn.generated,
                progress: undefined,
              }));
              break;
            case 'done': {
              const { type: _type, ...done } = event;
              patchTurn(answerId, (turn) => ({
                status: 'done',
                done,
                generated: Math.max(turn.generated, done.usage.tokensOut),
                progress: undefined,
              }));
              break;
            }
          }
        },
        onEnd() {
          patchTurn(answerId, (turn) =>
            turn.status === 'done' ? {} : { status: 'done', progress: undefined },
          );
          finish();
        },
        onError(error) {
          patchTurn(answerId, () => ({ status: 'failed', error: error.toData(), progress: undefined }));
          finish();
          // A lock under the call: the unlock screen says so (reportError reloads the vault state).
          if (error.code === 'VAULT_LOCKED') get().reportError(error);
        },
      });
      return true;
    },

    stopAssistant() {
      const state = get().assistant;
      if (!state.running) return;
      cancel?.();
      cancel = null;
      const last = state.turns.at(-1);
      set({
        assistant: {
          ...state,
          running: false,
          turns: state.turns.map((turn) =>
            turn === last && turn.role === 'assistant'
              ? { ...turn, status: 'stopped', progress: undefined }
              : turn,
          ),
        },
      });
    },

    clearAssistant() {
      cancel?.();
      cancel = null;
      set({ assistant: { ...get().assistant, turns: [], running: false } });
    },
  };
};
