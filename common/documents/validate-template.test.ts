import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template';

const minimal = () => ({
  schema: 'starring.template/1',
  id: 'test.minimal',
  version: 1,
  industry: 'healthcare',
  name: 'Minimal',
  description: 'A test template',
  classification: 'internal',
  sections: [
    {
      id: 'main',
      title: 'Main',
      fields: [
        { id: 'notes', type: 'richtext', label: 'Notes' },
        {
          id: 'hr',
          type: 'number',
          label: 'Heart rate',
          unit: '/min',
          min: 10,
          max: 300,
          plausible: { min: 40, max: 150 },
        },
      ],
    },
  ],
});

describe('validateTemplate', () => {
  it('accepts a well-formed template', () => {
    const result = validateTemplate(minimal());
    expect(result.ok).toBe(true);
  });

  it('names the path of an unknown field type', () => {
    const t = minimal();
    (t.sections[0]!.fields[1] as Record<string, unknown>).type = 'slider';
    const result = validateTemplate(t);
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      path: 'sections[0].fields[1].type',
      message: expect.stringContaining('unknown field type "slider"') as string,
    });
  });

  it('names a missing id', () => {
    const t = minimal();
    delete (t.sections[0]!.fields[0] as Partial<(typeof t.sections)[0]['fields'][0]>).id;
    const result = validateTemplate(t);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.problems).toContainEqual({
      path: 'sections[0].fields[0].id',
      message: expect.stringContaining('missing') as string,
    });
  });

  it('refuses something that is not a template at all', () => {
    const result = validateTemplate([1, 2, 3]);
    expect(result.ok).toBe(false);
    const empty = validateTemplate({});
    if (empty.ok) throw new Error('expected a refusal');
    expect(empty.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['schema', 'id', 'sections']));
  });

  it('refuses unknown keys, duplicate ids and broken references', () => {
    const t = minimal() as ReturnType<typeof minimal> & { extra?: boolean };
    t.extra = true;
    const unknownKey = validateTemplate(t);
    if (unknownKey.ok) throw new Error('expected a refusal');
    expect(unknownKey.problems[0]).toMatchObject({ message: expect.stringContaining('extra') as string });

    const dup = minimal();
    dup.sections[0]!.fields[1]!.id = 'notes';
    const dupResult = validateTemplate(dup);
    if (dupResult.ok) throw new Error('expected a refusal');
    expect(dupResult.problems[0]).toMatchObject({
      path: 'sections[0].fields[1].id',
      message: expect.stringContaining('duplicate') as string,
    });

    const badRef = {
      ...minimal(),
      sections: [
        {
          id: 'm',
          title: 'M',
          fields: [
            {
              id: 'dims',
              type: 'table',
              label: 'Dims',
              columns: [
                { id: 'nominal', type: 'number', label: 'Nominal' },
                {
                  id: 'result',
                  type: 'passfail',
                  label: 'Result',
                  measured: 'measured',
                  nominal: 'nominal',
                  tolMinus: 'nominal',
                  tolPlus: 'nominal',
                },
              ],
            },
          ],
          aiActions: [
            {
              id: 'draft',
              label: { en: 'Draft', 'zh-CN': '起草' },
              task: 'chat',
              prompt: 'x',
              target: 'nowhere',
            },
          ],
        },
      ],
    };
    const refResult = validateTemplate(badRef);
    if (refResult.ok) throw new Error('expected a refusal');
    expect(refResult.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'sections[0].fields[0].columns[1].measured',
        'sections[0].aiActions[0].target',
      ]),
    );
  });

  it('names an unknown table column type', () => {
    const t = {
      ...minimal(),
      sections: [
        {
          id: 'm',
          title: 'M',
          fields: [
            { id: 't', type: 'table', label: 'T', columns: [{ id: 'c', type: 'colour', label: 'C' }] },
          ],
        },
      ],
    };
    const result = validateTemplate(t);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.problems[0]).toMatchObject({
      path: 'sections[0].fields[0].columns[0].type',
      message: expect.stringContaining('unknown column type "colour"') as string,
    });
  });
});
