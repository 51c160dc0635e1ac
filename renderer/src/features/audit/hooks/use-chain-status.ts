import { useCallback, useEffect, useState } from 'react';
import type { AuditChainStatus } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { useStore } from '../../../store';

export type ChainCheck =
  | { phase: 'checking'; last: { status: AuditChainStatus; checkedAt: Date } | null }
  | { phase: 'done'; status: AuditChainStatus; checkedAt: Date }
  | { phase: 'error'; error: AppErrorData };

/** `audit.verifyChain` when the view opens, and again on demand ("Verify now"). */
export function useChainStatus(): { check: ChainCheck; verify(): void } {
  const [check, setCheck] = useState<ChainCheck>({ phase: 'checking', last: null });
  const [round, setRound] = useState(0);
  const reportError = useStore((s) => s.reportError);

  useEffect(() => {
    let live = true;
    api.audit.verifyChain({}).then(
      (status) => {
        if (live) setCheck({ phase: 'done', status, checkedAt: new Date() });
      },
      (error: unknown) => {
        if (!live) return;
        const appError = toAppError(error);
        setCheck({ phase: 'error', error: appError.toData() });
        reportError(appError);
      },
    );
    return () => {
      live = false;
    };
  }, [round, reportError]);

  const verify = useCallback(() => {
    setCheck((current) => ({
      phase: 'checking',
      // The previous verdict stays on screen (dimmed) while the new one is computed.
      last:
        current.phase === 'done'
          ? { status: current.status, checkedAt: current.checkedAt }
          : current.phase === 'checking'
            ? current.last
            : null,
    }));
    setRound((r) => r + 1);
  }, []);

  return { check, verify };
}
