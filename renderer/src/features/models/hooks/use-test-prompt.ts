import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplyOf } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';

export type TestPromptReply = ReplyOf<'models.testPrompt'>;

export type TestPromptState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; reply: TestPromptReply }
  | { phase: 'failed'; error: AppErrorData };

/** Runs `models.testPrompt` on one pack; the reply carries the text and the measured speed. */
export function useTestPrompt(id: string, onFinished: () => void) {
  const [state, setState] = useState<TestPromptState>({ phase: 'idle' });
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    async (prompt: string, maxTokens: number) => {
      setState({ phase: 'running' });
      try {
        const reply = await api.models.testPrompt({ id, prompt, maxTokens });
        if (live.current) setState({ phase: 'done', reply });
      } catch (error) {
        if (live.current) setState({ phase: 'failed', error: toAppError(error).toData() });
      }
      if (live.current) onFinished();
    },
    [id, onFinished],
  );

  return { state, run };
}
