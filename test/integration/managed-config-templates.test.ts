import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinuxManagedJsonSource } from '../../main/core/managed-config/linux-json.reader';
import { readManagedConfig } from '../../main/core/managed-config/managed-config.reader';
import { resolveManagedConfig } from '../../main/core/managed-config/managed-config.resolve';
import { managedSettings } from '../../main/core/managed-config/managed-config.schema';
import { parsePlistXml } from '../../main/core/managed-config/plist-xml.parse';
import {
  driftedManagedTemplates,
  managedTemplatesDir,
  renderManagedTemplates,
} from '../../scripts/generate-managed-templates';

const committed = (path: string) => readFile(join(managedTemplatesDir, path), 'utf8');
const examples = Object.fromEntries(
  managedSettings.flatMap((d) => ('example' in d ? [[d.key, d.example]] : [])),
);

describe('generated managed-configuration templates (build/managed)', () => {
  it('match what the schema generates — run `npx tsx scripts/generate-managed-templates.ts` after a schema change', async () => {
    expect(await driftedManagedTemplates()).toEqual([]);
  });

  it('the check catches an edited, a missing and a stale file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-templates-'));
    try {
      const rendered = await renderManagedTemplates();
      for (const [path, content] of Object.entries(rendered)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      expect(await driftedManagedTemplates(dir)).toEqual([]);
      await writeFile(
        join(dir, 'windows/StarRingWorkspace.admx'),
        rendered['windows/StarRingWorkspace.admx']!.replace('Both', 'User'),
      );
      await rm(join(dir, 'linux/managed.json'));
      expect(await driftedManagedTemplates(dir)).toEqual([
        'windows/StarRingWorkspace.admx',
        'linux/managed.json',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generates every file IT needs', async () => {
    const rendered = await renderManagedTemplates();
    expect(Object.keys(rendered).sort()).toEqual([
      'README.md',
      'linux/managed.json',
      'macos/com.starring.workspace.mobileconfig',
      'windows/StarRingWorkspace.admx',
      'windows/en-US/StarRingWorkspace.adml',
      'windows/zh-CN/StarRingWorkspace.adml',
    ]);
    expect(rendered['README.md']).toContain('| `PolicyPublicKey`');
  });

  it('the ADMX declares every key, and both ADMLs define every string and presentation it references', async () => {
    const admx = await committed('windows/StarRingWorkspace.admx');
    for (const def of managedSettings) {
      expect(admx).toContain(
        `<policy name="${def.key}" class="${def.scope === 'machine' ? 'Machine' : 'Both'}"`,
      );
    }
    const strings = [...admx.matchAll(/\$\(string\.([^)]+)\)/g)].map((m) => m[1]!);
    const presentations = [...admx.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((m) => m[1]!);
    for (const lang of ['en-US', 'zh-CN']) {
      const adml = await committed(`windows/${lang}/StarRingWorkspace.adml`);
      for (const id of strings) expect(adml, `${lang} string ${id}`).toContain(`<string id="${id}">`);
      for (const id of presentations)
        expect(adml, `${lang} presentation ${id}`).toContain(`<presentation id="${id}">`);
    }
  });

  it('the .mobileconfig parses and its payload reads back as the example values, with no problems', async () => {
    const profile = parsePlistXml(await committed('macos/com.starring.workspace.mobileconfig')) as {
      PayloadType: string;
      PayloadContent: Record<string, unknown>[];
    };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent[0]!;
    expect(payload.PayloadType).toBe('com.starring.workspace');
    const entries = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    const config = resolveManagedConfig([{ scope: 'machine', source: 'profile', entries }]);
    expect(config.problems).toEqual([]);
    expect(config.values).toEqual(examples);
  });

  it('the sample managed.json reads back with no problems', async () => {
    const config = await readManagedConfig(
      createLinuxManagedJsonSource({ file: join(managedTemplatesDir, 'linux', 'managed.json') }),
    );
    expect(config.problems).toEqual([]);
    expect(config.values).toEqual(examples);
  });
});
