import { useCallback, useRef, useState } from 'react';
import type { PolicyExplanation, RequestOf } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';

export type ExplainRequest = RequestOf<'policy.explain'>;

export type ExplainState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'done'; request: ExplainRequest; answer: PolicyExplanation }
  | { phase: 'error'; error: AppErrorData };

/** One what-if at a time; a newer question makes an older answer that arrives late irrelevant. */
export function useExplain(): { state: ExplainState; explain(request: ExplainRequest): void } {
  const [state, setState] = useState<ExplainState>({ phase: 'idle' });
  const latest = useRef(0);

  const explain = useCallback((request: ExplainRequest) => {
    const ticket = ++latest.current;
    setState({ phase: 'checking' });
    api.policy.explain(request).then(
      (answer) => {
        if (ticket === latest.current) setState({ phase: 'done', request, answer });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ phase: 'error', error: toAppError(error).toData() });
      },
    );
  }, []);

  return { state, explain };
}
