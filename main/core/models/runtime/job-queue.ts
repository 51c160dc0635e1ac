/**
 * One job at a time on the worker (inference is CPU-bound; two at once only thrash), interactive
 * requests ahead of background ones (indexing embeddings must not delay a user's chat), FIFO within
 * a priority. A job cancelled while still waiting is removed and rejects with CANCELLED.
 */
import { AppError } from '../../../../common/errors';

/** Interactive requests (a user waiting) go before background ones (indexing). */
export type Priority = 'interactive' | 'background';

interface Job {
  run: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  detach(): void;
}

/** A priority queue that runs one job at a time. */
export interface JobQueue {
  /** Queues `run`; `onQueued` gets the number of jobs ahead when it has to wait. */
  enqueue<T>(
    priority: Priority,
    run: () => Promise<T>,
    options?: { signal?: AbortSignal; onQueued?: (ahead: number) => void },
  ): Promise<T>;
  /** Jobs waiting (not counting the one running). */
  waiting(): number;
  busy(): boolean;
}

/** Creates an empty queue. */
export function createJobQueue(): JobQueue {
  const lanes: Record<Priority, Job[]> = { interactive: [], background: [] };
  let running = false;

  function pump(): void {
    if (running) return;
    const job = lanes.interactive.shift() ?? lanes.background.shift();
    if (!job) return;
    running = true;
    job.detach();
    job
      .run()
      .then(job.resolve, job.reject)
      .finally(() => {
        running = false;
        pump();
      });
  }

  return {
    enqueue<T>(
      priority: Priority,
      run: () => Promise<T>,
      options: { signal?: AbortSignal; onQueued?: (ahead: number) => void } = {},
    ): Promise<T> {
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'The request was cancelled.'));
      return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
          const lane = lanes[priority];
          const index = lane.indexOf(job);
          if (index < 0) return;
          lane.splice(index, 1);
          reject(new AppError('CANCELLED', 'The request was cancelled before it started.'));
        };
        const job: Job = {
          run,
          resolve: resolve as (value: unknown) => void,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const ahead =
          (running ? 1 : 0) +
          lanes.interactive.length +
          (priority === 'background' ? lanes.background.length : 0);
        lanes[priority].push(job);
        if (ahead > 0) options.onQueued?.(ahead);
        pump();
      });
    },
    waiting: () => lanes.interactive.length + lanes.background.length,
    busy: () => running,
  };
}
