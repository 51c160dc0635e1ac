/**
 * electron-builder.yml and the fuses hook, checked without the Electron binary or the network:
 * the config against electron-builder's own schema (the recipe in FACTS.md §5), the hook against
 * @electron/fuses on a stand-in binary that carries a real fuse wire, and one real packaging run
 * (`--linux dir`) with that stand-in as the Electron distribution, so file patterns, asarUnpack and
 * the afterPack wiring are exercised exactly as a release build would.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { resolveFunction } from 'app-builder-lib/out/util/resolve';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack, electronBinaryPath, hardenedFuses } from '../../build/after-pack-fuses.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);

/** Electron's default fuse states, as an unflipped binary ships them. */
const electronDefaults = '10110001';
const hardened = {
  [FuseV1Options.RunAsNode]: DISABLE,
  [FuseV1Options.EnableCookieEncryption]: ENABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: ENABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: DISABLE,
};

/** A file that @electron/fuses accepts as an Electron binary: the sentinel and a V1 wire of 8 fuses. */
function standInBinary(): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho stand-in for electron\n'),
    Buffer.from(SENTINEL),
    Buffer.from([Number(FuseVersion.V1), electronDefaults.length]),
    Buffer.from(electronDefaults),
  ]);
}

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'starring-builder-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function loadConfig(): Promise<Configuration> {
  return (await getConfig(root, 'electron-builder.yml', null)) as Configuration;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is rejected by the same validation when it is wrong (so the check can fail)', async () => {
    const config = await loadConfig();
    const logger = new DebugLogger(false);
    await expect(
      validateConfiguration({ ...config, msi: { perMachine: 'yes' } } as unknown as Configuration, logger),
    ).rejects.toThrow(/Invalid configuration object/);
    await expect(
      validateConfiguration({ ...config, asarUnpak: ['**/*.wasm'] } as unknown as Configuration, logger),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds MSI (per-machine) and NSIS, PKG and DMG, AppImage and deb', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('com.starring.workspace');
    expect(config.productName).toBe('StarRing Workspace');
    expect(config.asar).toBe(true);
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'release' });
    expect(config.win?.target).toEqual(['msi', 'nsis']);
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.mac?.target).toEqual(['pkg', 'dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.linux?.category).toBeTruthy();
  });

  it('unpacks wasm and native files and ships models/ without the generated test packs', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.wasm', '**/*.node']));
    expect(config.extraResources).toEqual([
      { from: 'models', to: 'models', filter: expect.arrayContaining(['!generated', '!generated/**']) },
    ]);
  });

  it('names an afterPack hook that electron-builder resolves to our fuses function', async () => {
    const config = await loadConfig();
    expect(config.afterPack).toBe('./build/after-pack-fuses.mjs');
    // electron-builder resolves "./…" against the working directory, the project root in a build.
    const hook = await resolveFunction<typeof afterPack>(
      undefined,
      join(root, config.afterPack as string),
      'afterPack',
      root,
    );
    // electron-builder loads its own instance of the module: prove it is ours by what it does.
    const appOutDir = join(scratch, 'resolved-hook');
    await mkdir(appOutDir, { recursive: true });
    await writeFile(join(appOutDir, 'StarRing Workspace.exe'), standInBinary());
    await hook({
      appOutDir,
      electronPlatformName: 'win32',
      packager: { appInfo: { productFilename: 'StarRing Workspace' } },
    });
    expect(await getCurrentFuseWire(join(appOutDir, 'StarRing Workspace.exe'))).toMatchObject(hardened);
  });
});

describe('fuses hook', () => {
  it('sets the hardened fuses', () => {
    expect(hardenedFuses).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('finds the executable on each platform as electron-builder names it', () => {
    const packager = {
      appInfo: { productFilename: 'StarRing Workspace' },
      executableName: 'starring-workspace',
    };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'StarRing Workspace.exe'),
    );
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      join('/o', 'StarRing Workspace.app'),
    );
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      join('/o', 'starring-workspace'),
    );
  });

  it('flips the wire of a binary with real @electron/fuses', async () => {
    const appOutDir = join(scratch, 'hook');
    await mkdir(appOutDir, { recursive: true });
    const binary = join(appOutDir, 'starring-workspace');
    await writeFile(binary, standInBinary());
    await afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'StarRing Workspace' }, executableName: 'starring-workspace' },
    });
    expect(await getCurrentFuseWire(binary)).toMatchObject(hardened);
    // A fuse we do not set keeps Electron's default.
    expect((await getCurrentFuseWire(binary))[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(
      DISABLE,
    );
  });
});

describe('a packaging run (linux dir, stand-in Electron)', () => {
  it('packs the bundles into app.asar, leaves sources out, unpacks sql.js wasm, flips fuses', async () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
    const electronDist = join(scratch, 'electron-dist');
    await mkdir(electronDist, { recursive: true });
    await writeFile(join(electronDist, 'electron'), standInBinary());
    await chmod(join(electronDist, 'electron'), 0o755);
    const output = join(scratch, 'release');

    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      config: { electronDist, npmRebuild: false, directories: { output } },
      publish: 'never',
    });

    const appOutDir = join(output, 'linux-unpacked');
    expect(await getCurrentFuseWire(join(appOutDir, 'starring-workspace'))).toMatchObject(hardened);

    const entries = listPackage(join(appOutDir, 'resources', 'app.asar'), { isPack: false }).map((entry) =>
      entry.split(sep).join('/'),
    );
    const ours = entries.filter((entry) => !entry.startsWith('/node_modules'));
    expect(ours).toEqual(
      expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs']),
    );
    // dist/renderer is packed as built; not compared file by file, as other work in the same tree
    // may be rebuilding it while this runs.
    for (const entry of ours) {
      expect(entry, 'sources, tests, maps and the harness stay out').not.toMatch(
        /\.(ts|tsx|map)$|^\/(main|preload|common|renderer|test|scripts|build)\/|^\/dist\/harness/,
      );
    }
    const unpacked = await listFiles(join(appOutDir, 'resources', 'app.asar.unpacked'));
    expect(unpacked).toContain('node_modules/sql.js/dist/sql-wasm.wasm');
    // The main bundle resolves sql.js from node_modules at run time: it must be inside the asar.
    expect(entries).toContain('/node_modules/sql.js/dist/sql-wasm.js');
    expect(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).main).toBe(
      'dist/electron/main.cjs',
    );
  }, 120_000);
});

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}
