import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../app/app-version';
import { loadTemplates } from './template-registry';

const builtinDir = join(repoRoot, 'templates');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'starring-templates-'));
  dirs.push(dir);
  return dir;
}

describe('shipped templates', () => {
  it('every template in templates/ validates, across the five industries', async () => {
    const registry = await loadTemplates({ builtinDir });
    expect(registry.problems()).toEqual([]);
    const ids = registry.list().map((t) => t.template.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'healthcare.soap-note',
        'healthcare.discharge-summary',
        'healthcare.patient-education',
        'healthcare.referral-letter',
        'manufacturing.maintenance-procedure',
        'manufacturing.qc-inspection',
        'manufacturing.8d-report',
        'business.contract-review',
        'business.report',
        'education.course-outline',
        'education.lesson-plan',
        'education.quiz',
        'content.marketing-copy',
        'content.video-script',
      ]),
    );
    for (const { template, file } of registry.list()) {
      // The folder names the industry, the file the id: `healthcare/soap-note.json` is healthcare.soap-note.
      expect(file.replace(/\\/g, '/')).toBe(`${template.industry}/${template.id.split('.')[1]}.json`);
    }
  });

  it('the SOAP note has vitals with units and plausible ranges; the QC report computes pass/fail', async () => {
    const registry = await loadTemplates({ builtinDir });
    const soap = registry.get('healthcare.soap-note')!.template;
    const vitals = soap.sections.find((s) => s.id === 'objective')!.fields.filter((f) => f.type === 'number');
    expect(vitals.length).toBeGreaterThanOrEqual(6);
    for (const v of vitals)
      expect(v).toMatchObject({
        unit: expect.any(String) as string,
        plausible: expect.any(Object) as object,
      });
    const qc = registry.get('manufacturing.qc-inspection')!.template;
    const table = qc.sections.flatMap((s) => s.fields).find((f) => f.type === 'table');
    expect(table).toMatchObject({ overallResult: true });
  });
});

describe('templates from the managed folder', () => {
  it('adds valid ones and refuses malformed ones and unknown field types, naming file and path', async () => {
    const managed = await tempDir();
    await mkdir(join(managed, 'healthcare'));
    const good = {
      schema: 'starring.template/1',
      id: 'healthcare.wound-care',
      version: 2,
      industry: 'healthcare',
      name: 'Wound care note',
      description: 'Local template',
      classification: 'phi',
      sections: [
        { id: 'main', title: 'Wound', fields: [{ id: 'size', type: 'number', label: 'Length', unit: 'cm' }] },
      ],
    };
    await writeFile(join(managed, 'healthcare', 'wound-care.json'), JSON.stringify(good));
    await writeFile(join(managed, 'broken.json'), '{ "schema": "starring.template/1", ');
    const unknownType = structuredClone(good);
    unknownType.id = 'healthcare.unknown-type';
    (unknownType.sections[0]!.fields[0] as { type: string }).type = 'barcode';
    await writeFile(join(managed, 'unknown-type.json'), JSON.stringify(unknownType));

    const registry = await loadTemplates({ builtinDir, managedDir: managed });
    expect(registry.get('healthcare.wound-care')).toMatchObject({ source: 'managed' });
    expect(registry.get('healthcare.unknown-type')).toBeUndefined();
    const problems = registry.problems();
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'managed:broken.json',
        message: expect.stringContaining('not valid JSON') as string,
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'managed:unknown-type.json',
        message: expect.stringContaining(
          'sections[0].fields[0].type: unknown field type "barcode"',
        ) as string,
      }),
    );
  });

  it('a missing managed folder is not an error', async () => {
    const registry = await loadTemplates({ builtinDir, managedDir: join(await tempDir(), 'absent') });
    expect(registry.problems()).toEqual([]);
  });
});
