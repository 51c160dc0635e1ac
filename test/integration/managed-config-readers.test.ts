import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyContract } from '../../common/contract/policy.contract';
import { effectiveSettings, managedSettingsView } from '../../main/core/managed-config/effective-settings';
import { createLinuxManagedJsonSource } from '../../main/core/managed-config/linux-json.reader';
import { createMacosManagedPreferencesSource } from '../../main/core/managed-config/macos-plist.reader';
import { readManagedConfig } from '../../main/core/managed-config/managed-config.reader';
import { resolveManagedConfig } from '../../main/core/managed-config/managed-config.resolve';
import {
  createWindowsRegistrySource,
  type RunProgram,
} from '../../main/core/managed-config/windows-registry.reader';

const ed25519Pem = generateKeyPairSync('ed25519')
  .publicKey.export({ format: 'pem', type: 'spki' })
  .toString();
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .publicKey.export({ format: 'pem', type: 'spki' })
  .toString();

function selfSignedCertificate(): string {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  const name = [{ name: 'commonName', value: 'Example Hospital CA' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey);
  return forge.pki.certificateToPem(cert);
}

/** reg.exe as the reader sees it: HKLM and HKCU outputs by hive; exit 1 when a hive has no key. */
function fakeReg(byHive: Partial<Record<'HKLM' | 'HKCU', string[]>>): RunProgram {
  return async (file, args) => {
    expect(file).toBe('reg.exe');
    const key = args[1]!;
    const hive = key.slice(0, 4) as 'HKLM' | 'HKCU';
    const lines = byHive[hive];
    if (!lines)
      return {
        code: 1,
        stdout: '',
        stderr: 'ERROR: The system was unable to find the specified registry key or value.',
      };
    const full = key.replace('HKLM', 'HKEY_LOCAL_MACHINE').replace('HKCU', 'HKEY_CURRENT_USER');
    return { code: 0, stdout: ['', full, ...lines.map((l) => `    ${l}`), ''].join('\r\n'), stderr: '' };
  };
}

describe('Windows: HKLM then HKCU', () => {
  it('machine scope WINS over user scope, whichever order the layers come in', async () => {
    const source = createWindowsRegistrySource({
      run: fakeReg({
        HKLM: ['ServerUrl    REG_SZ    https://machine.example.org', 'IdleLockMinutes    REG_DWORD    0x5'],
        HKCU: [
          'ServerUrl    REG_SZ    https://user.example.org',
          'IdleLockMinutes    REG_DWORD    0x3c',
          'Locale    REG_SZ    zh-CN',
        ],
      }),
    });
    const config = await readManagedConfig(source);
    expect(config.values).toEqual({
      ServerUrl: 'https://machine.example.org',
      IdleLockMinutes: 5,
      Locale: 'zh-CN',
    });
    expect(config.sources.ServerUrl).toBe('HKLM\\SOFTWARE\\Policies\\StarRing\\Workspace');
    expect(config.sources.Locale).toBe('HKCU\\SOFTWARE\\Policies\\StarRing\\Workspace');
    expect(config.problems).toEqual([]);

    const reversed = resolveManagedConfig([...(await source.read())].reverse());
    expect(reversed.values.ServerUrl).toBe('https://machine.example.org');
  });

  it('reports each bad value clearly and still applies the rest', async () => {
    const config = await readManagedConfig(
      createWindowsRegistrySource({
        run: fakeReg({
          HKLM: [
            'ServerUrl    REG_SZ    http://insecure.example.org',
            'UpdatesDisabled    REG_SZ    yes',
            'IdleLockMinutes    REG_DWORD    0x0',
            'Frobnicate    REG_DWORD    0x1',
            `PolicyPublicKey    REG_MULTI_SZ    ${rsaPem.trim().split('\n').join('\\0')}`,
            'TenantId    REG_SZ    st-mary',
            'RequirePassphrase    REG_DWORD    0x1',
          ],
          HKCU: [
            'ServerUrl    REG_SZ    https://fallback.example.org',
            `RecoveryPublicKey    REG_MULTI_SZ    ${rsaPem.trim().split('\n').join('\\0')}`,
          ],
        }),
      }),
    );
    expect(config.values).toEqual({
      TenantId: 'st-mary',
      RequirePassphrase: true,
      ServerUrl: 'https://fallback.example.org',
    });
    const byKey = Object.fromEntries(config.problems.map((p) => [p.key, p.message]));
    expect(byKey.ServerUrl).toMatch(/"http:\/\/insecure.example.org" is not an https:\/\/ URL/);
    expect(byKey.UpdatesDisabled).toMatch(/expected true or false .* got "yes"/);
    expect(byKey.IdleLockMinutes).toMatch(/expected a whole number from 1 to 1440, got 0/);
    expect(byKey.Frobnicate).toMatch(/not a setting StarRing Workspace knows; ignored/);
    expect(byKey.PolicyPublicKey).toMatch(/expected an Ed25519 public key, got rsa/);
    expect(byKey.RecoveryPublicKey).toMatch(/honoured only at machine scope/);
  });

  it('a REG_MULTI_SZ PEM is read line by line', async () => {
    const config = await readManagedConfig(
      createWindowsRegistrySource({
        run: fakeReg({
          HKLM: [`PolicyPublicKey    REG_MULTI_SZ    ${ed25519Pem.trim().split('\n').join('\\0')}`],
        }),
      }),
    );
    expect(config.values.PolicyPublicKey).toBe(ed25519Pem.trim());
  });

  it('reports reg.exe failing for another reason than a missing key', async () => {
    const config = await readManagedConfig(
      createWindowsRegistrySource({
        run: async () => ({ code: -1, stdout: '', stderr: 'spawn reg.exe ENOENT' }),
      }),
    );
    expect(config.problems[0]?.message).toMatch(/could not be read: spawn reg.exe ENOENT/);
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-managed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const xmlPlist = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;

describe('macOS managed preferences', () => {
  it('parses XML plists itself; machine file wins over the user file; system keys are not settings', async () => {
    const root = join(dir, 'Managed Preferences');
    await mkdir(join(root, 'alice'), { recursive: true });
    const certificate = selfSignedCertificate();
    await writeFile(
      join(root, 'com.starring.workspace.plist'),
      xmlPlist(`\t<key>PayloadUUID</key>\n\t<string>471D55C0-0D33-5BBE-A30E-F0774A12FC50</string>
\t<key>ServerUrl</key>\n\t<string>https://starring.example-hospital.org</string>
\t<key>UpdatesDisabled</key>\n\t<true/>
\t<key>IdleLockMinutes</key>\n\t<integer>10</integer>
\t<key>ServerCaCertificate</key>\n\t<string>${certificate}</string>`),
    );
    await writeFile(
      join(root, 'alice', 'com.starring.workspace.plist'),
      xmlPlist(
        '\t<key>IdleLockMinutes</key>\n\t<integer>60</integer>\n\t<key>Locale</key>\n\t<string>en</string>',
      ),
    );
    const run: RunProgram = async () => {
      throw new Error('plutil must not run for XML');
    };
    const config = await readManagedConfig(
      createMacosManagedPreferencesSource({ root, username: 'alice', run }),
    );
    expect(config.problems).toEqual([]);
    expect(config.values).toEqual({
      ServerUrl: 'https://starring.example-hospital.org',
      UpdatesDisabled: true,
      IdleLockMinutes: 10,
      ServerCaCertificate: certificate.trim(),
      Locale: 'en',
    });
    expect(config.sources.Locale).toBe(join(root, 'alice', 'com.starring.workspace.plist'));
  });

  it('converts binary plists with plutil -convert json', async () => {
    const root = join(dir, 'binary');
    await mkdir(root, { recursive: true });
    await writeFile(
      join(root, 'com.starring.workspace.plist'),
      Buffer.from('bplist00\u00d1\u0001\u0002', 'latin1'),
    );
    const calls: string[][] = [];
    const run: RunProgram = async (file, args) => {
      calls.push([file, ...args]);
      // plutil's compact JSON, as it prints it
      return {
        code: 0,
        stdout: '{"TenantId":"st-mary","RequirePassphrase":true,"IdleLockMinutes":"15"}',
        stderr: '',
      };
    };
    const config = await readManagedConfig(
      createMacosManagedPreferencesSource({ root, username: 'nobody', run }),
    );
    expect(calls[0]).toEqual([
      'plutil',
      '-convert',
      'json',
      '-o',
      '-',
      '--',
      join(root, 'com.starring.workspace.plist'),
    ]);
    expect(config.values).toEqual({ TenantId: 'st-mary', RequirePassphrase: true });
    expect(config.problems.map((p) => p.key)).toEqual(['IdleLockMinutes']);
  });

  it('reports an unreadable plist and applies nothing from it', async () => {
    const root = join(dir, 'broken');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'com.starring.workspace.plist'), '<plist><dict><key>x</key></plist>');
    const config = await readManagedConfig(createMacosManagedPreferencesSource({ root, username: 'nobody' }));
    expect(config.values).toEqual({});
    expect(config.problems[0]?.message).toMatch(/was ignored/);
  });
});

describe('Linux /etc/starring/managed.json', () => {
  it('reads the file (path injectable), reports problems, and is silent when absent', async () => {
    const file = join(dir, 'managed.json');
    await writeFile(
      file,
      JSON.stringify({ ServerUrl: 'ftp://x', TenantId: 'st-mary', IdleLockMinutes: 30, Extra: 1 }),
    );
    const config = await readManagedConfig(createLinuxManagedJsonSource({ file }));
    expect(config.values).toEqual({ TenantId: 'st-mary', IdleLockMinutes: 30 });
    expect(config.problems.map((p) => p.key).sort()).toEqual(['Extra', 'ServerUrl']);
    expect(await readManagedConfig(createLinuxManagedJsonSource({ file: join(dir, 'absent.json') }))).toEqual(
      {
        values: {},
        sources: {},
        problems: [],
      },
    );
    await writeFile(file, '{ "ServerUrl": ');
    expect((await readManagedConfig(createLinuxManagedJsonSource({ file }))).problems[0]?.message).toMatch(
      /not valid JSON/,
    );
  });
});

describe('effective settings', () => {
  const managed = resolveManagedConfig([
    {
      scope: 'machine',
      source: 'HKLM\\SOFTWARE\\Policies\\StarRing\\Workspace',
      entries: { IdleLockMinutes: 5 },
    },
  ]);

  it('managed values override and lock the user’s; user values count where users may set them; else defaults', () => {
    const settings = effectiveSettings(
      { IdleLockMinutes: 60, Locale: 'zh-CN', RequirePassphrase: false, ServerUrl: 'http://x' },
      managed,
    );
    expect(settings.IdleLockMinutes).toEqual({
      value: 5,
      lockedBy: 'organisation',
      source: 'HKLM\\SOFTWARE\\Policies\\StarRing\\Workspace',
    });
    expect(settings.Locale).toEqual({ value: 'zh-CN', lockedBy: null, source: null });
    expect(settings.RequirePassphrase).toEqual({ value: false, lockedBy: null, source: null });
    expect(settings.ServerUrl).toEqual({ value: null, lockedBy: null, source: null });
    expect(settings.UpdatesDisabled).toEqual({ value: false, lockedBy: null, source: null });
  });

  it('builds the settings.managed reply with every key and the problems', () => {
    const view = managedSettingsView(
      {},
      resolveManagedConfig([
        { scope: 'machine', source: 'x', entries: { Nope: 1, PolicyPublicKey: ed25519Pem } },
      ]),
    );
    expect(policyContract['settings.managed'].reply.parse(view)).toEqual(view);
    expect(view.items.find((i) => i.key === 'PolicyPublicKey')).toMatchObject({
      lockedBy: 'organisation',
      source: 'x',
    });
    expect(view.problems).toHaveLength(1);
  });
});
