import { describe, expect, it } from 'vitest';
import { createJobQueue } from './job-queue';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('job queue', () => {
  it('runs one job at a time, interactive before background, FIFO within a priority', async () => {
    const queue = createJobQueue();
    const order: string[] = [];
    let concurrent = 0;
    let peak = 0;
    const job = (name: string) => async () => {
      concurrent += 1;
      peak = Math.max(peak, concurrent);
      await tick();
      order.push(name);
      concurrent -= 1;
    };
    const queued: number[] = [];
    const all = [
      queue.enqueue('background', job('bg1')),
      queue.enqueue('background', job('bg2'), { onQueued: (n) => queued.push(n) }),
      queue.enqueue('interactive', job('chat1'), { onQueued: (n) => queued.push(n) }),
      queue.enqueue('interactive', job('chat2')),
    ];
    await Promise.all(all);
    expect(order).toEqual(['bg1', 'chat1', 'chat2', 'bg2']);
    expect(peak).toBe(1);
    expect(queued).toEqual([1, 1]); // bg2 waits behind bg1; chat1 jumps ahead of bg2
  });

  it('removes a job cancelled while waiting and keeps going', async () => {
    const queue = createJobQueue();
    const controller = new AbortController();
    const first = queue.enqueue('interactive', () => tick(20).then(() => 'first'));
    const second = queue.enqueue('interactive', async () => 'never', { signal: controller.signal });
    const third = queue.enqueue('background', async () => 'third');
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await first).toBe('first');
    expect(await third).toBe('third');
    expect(queue.waiting()).toBe(0);
  });

  it('a failing job does not stop the queue', async () => {
    const queue = createJobQueue();
    const failing = queue.enqueue('interactive', async () => {
      throw new Error('boom');
    });
    const next = queue.enqueue('interactive', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });
});
