import { useStore } from '../../../store';
import type { SelfTestRun } from '../../../store/self-test.slice';

export type SelfTestOutcome = 'running' | 'passed' | 'failed' | 'cancelled' | 'stopped';

/** Where a run stands, in the terms the panel shows. */
export function selfTestOutcome(run: SelfTestRun): SelfTestOutcome {
  switch (run.phase) {
    case 'running':
    case 'cancelled':
    case 'stopped':
      return run.phase;
    case 'finished':
      return run.results.length === run.total && run.results.every((r) => r.passed) ? 'passed' : 'failed';
  }
}

export function useSelfTest() {
  const run = useStore((s) => s.selfTest);
  const start = useStore((s) => s.startSelfTest);
  const cancel = useStore((s) => s.cancelSelfTest);
  return { run, start, cancel };
}
