/**
 * Hosts the inference worker in an Electron utilityProcess rather than a worker_thread: a crash or
 * an out-of-memory in onnxruntime then takes down a child process, not the main process, and the
 * child reads app.asar like the main process does. The worker side already speaks to either host
 * (main/core/models/worker/worker-port.ts); this is the host side of the same WorkerHandle.
 */
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { WorkerLauncher } from '../core/models';
import type { HostMessage, WorkerMessage } from '../core/models/worker/worker-protocol';

/** dist/worker/inference.worker.mjs, written by scripts/build-electron.mjs beside dist/electron. */
export function modelWorkerEntry(bundleDir: string): string {
  return join(bundleDir, '..', 'worker', 'inference.worker.mjs');
}

export function utilityProcessLauncher(entry: string): WorkerLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'StarRing model worker' });
    let exitListener: ((reason: string) => void) | undefined;
    let exited = false;
    const exit = (reason: string): void => {
      if (exited) return;
      exited = true;
      exitListener?.(reason);
    };
    child.on('exit', (code) => exit(`exited with code ${code}`));
    return {
      // utilityProcess messages are structured-cloned; typed arrays are copied, not transferred.
      post: (message: HostMessage) => child.postMessage(message),
      onMessage: (listener: (message: WorkerMessage) => void) =>
        child.on('message', (message: unknown) => listener(message as WorkerMessage)),
      onExit: (listener) => (exitListener = listener),
      terminate: async () => {
        exited = true;
        child.kill();
      },
    };
  };
}
