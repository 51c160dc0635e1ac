// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed. Fuses are bits compiled into the executable, so they hold even if someone edits the
// app's files or passes flags: this is what stops `ELECTRON_RUN_AS_NODE=1 StarRing.exe` from being
// a signed, trusted Node.js interpreter on every managed machine.
//
// (electron-builder's own `electronFuses` option does the same; the hook keeps the exact set in
// one reviewable file that test/integration/electron-builder-config.test.ts checks.)
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { join } from 'node:path';

/** The hardened fuse set. See https://www.electronjs.org/docs/latest/tutorial/fuses */
export const hardenedFuses = {
  version: FuseVersion.V1,
  // No ELECTRON_RUN_AS_NODE: the app binary cannot be used as a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keystore (one-way: never turn it back off).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS ignored: no code injection through the environment. The
  // organisation's CA comes from managed configuration (ServerCaCertificate) instead.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and SIGUSR1 ignored: no debugger attached to the main process of an installed app.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar checked against the hash electron-builder embeds (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose resources/app folder someone dropped beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// pages get no more than a browser gives them; the renderer is served from app://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Where electron-builder left the executable for this platform (its own addElectronFuses logic). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`No fuse recipe for platform "${electronPlatformName}".`);
  }
}

/**
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 * @param {typeof flipFuses} flip  injected by the test; electron-builder passes only the context
 */
export async function afterPack(context, flip = flipFuses) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Flipping a fuse invalidates the ad-hoc signature of an arm64 macOS binary; re-sign it ad hoc
  // (the real signature is applied after this hook when an identity is configured).
  await flip(electronBinaryPath(context), { ...hardenedFuses, resetAdHocDarwinSignature: isMac });
}

export default afterPack;
