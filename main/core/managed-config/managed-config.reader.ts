import os from 'node:os';
import { createLinuxManagedJsonSource } from './linux-json.reader';
import { createMacosManagedPreferencesSource } from './macos-plist.reader';
import { resolveManagedConfig, type ManagedConfig, type ManagedLayer } from './managed-config.resolve';
import { createWindowsRegistrySource } from './windows-registry.reader';

/** Anything that yields managed layers: one per OS, or a fake in tests. */
export interface ManagedSource {
  read(): Promise<ManagedLayer[]>;
}

/** The source for this OS (Bitwarden's pattern: one abstract managed-settings source, one per platform). */
export function platformManagedSource(platform: NodeJS.Platform = process.platform): ManagedSource {
  switch (platform) {
    case 'win32':
      return createWindowsRegistrySource();
    case 'darwin':
      return createMacosManagedPreferencesSource({ username: os.userInfo().username });
    default:
      return createLinuxManagedJsonSource();
  }
}

/**
 * Reads and validates managed configuration: `{ values, sources, problems }`. Never throws for
 * bad input — each wrong value becomes a problem and the rest still applies.
 */
export async function readManagedConfig(
  source: ManagedSource = platformManagedSource(),
): Promise<ManagedConfig> {
  let layers: ManagedLayer[];
  try {
    layers = await source.read();
  } catch (error) {
    return {
      values: {},
      sources: {},
      problems: [
        { key: '(reader)', message: `Managed configuration could not be read: ${(error as Error).message}` },
      ],
    };
  }
  return resolveManagedConfig(layers);
}
