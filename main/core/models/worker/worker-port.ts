/**
 * The worker side of the message channel, independent of who hosts the worker: a Node
 * worker_thread (`parentPort`) today, an Electron utilityProcess (`process.parentPort`) when the
 * shell hosts it there. The inference code only sees this interface.
 */
import { parentPort } from 'node:worker_threads';
import type { HostMessage, WorkerMessage } from './worker-protocol';

/** The worker end of the channel to the main process. */
export interface WorkerPort {
  post(message: WorkerMessage, transfer?: ArrayBuffer[]): void;
  onMessage(handler: (message: HostMessage) => void): void;
}

/** Electron's utilityProcess port: messages arrive wrapped in `{ data }`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Connects to whoever started this worker; throws when started as a plain script. */
export function connectWorkerPort(): WorkerPort {
  if (parentPort) {
    const port = parentPort;
    return {
      post: (message, transfer) => port.postMessage(message, transfer ?? []),
      onMessage: (handler) => port.on('message', (message: HostMessage) => handler(message)),
    };
  }
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      // utilityProcess ports structured-clone; typed arrays are copied instead of transferred.
      post: (message) => electronPort.postMessage(message),
      onMessage: (handler) => electronPort.on('message', (event) => handler(event.data as HostMessage)),
    };
  }
  throw new Error('The inference worker must be started by the app (worker thread or utility process).');
}
