import type { StarringBridge } from '../../common/contract';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the harness shim before the renderer runs. */
    starring: StarringBridge;
  }
}

export {};
