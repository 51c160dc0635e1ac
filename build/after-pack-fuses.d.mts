import type { FuseConfig, flipFuses } from '@electron/fuses';

/** Minimal view of electron-builder's AfterPackContext that the hook reads. */
export interface FusesAfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const hardenedFuses: FuseConfig;
export declare function electronBinaryPath(context: FusesAfterPackContext): string;
export declare function afterPack(context: FusesAfterPackContext, flip?: typeof flipFuses): Promise<void>;
export default afterPack;
