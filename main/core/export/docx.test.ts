import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx';
import { qcLoaded, soapLoaded } from './test-fixtures';
import { toExportDocument } from './to-export-model';

describe('renderDocx', () => {
  it('is a Word package with the text, the signature block and metadata in core and custom properties', async () => {
    const bytes = await renderDocx(toExportDocument(soapLoaded), '2026-12-06T05:00:00.000Z');
    const files = unzipSync(new Uint8Array(bytes));
    const body = strFromU8(files['word/document.xml']!);
    expect(body).toContain('Improved energy on metformin');
    expect(body).toContain('患者精神好转。');
    expect(body).toContain('Signatures');
    expect(body).toContain('Dr. Lin Wei');
    expect(body).toContain('2026-12-01T10:15:00.000Z');
    const core = strFromU8(files['docProps/core.xml']!);
    expect(core).toContain('SOAP note — follow-up | &quot;diabetes&quot;');
    expect(core).toContain('ai-model:tiny-gpt2:');
    expect(core).toContain('signed:author:Dr. Lin Wei:2026-12-01T10:15:00.000Z');
    const custom = strFromU8(files['docProps/custom.xml']!);
    expect(custom).toContain('starring.ai.1');
    expect(custom).toContain('starring.signature.1');
    expect(custom).toContain('Author: Dr. Lin Wei, 2026-12-01T10:15:00.000Z (version 2)');
  });

  it('writes tables as Word tables', async () => {
    const files = unzipSync(
      new Uint8Array(await renderDocx(toExportDocument(qcLoaded), '2026-12-06T05:00:00.000Z')),
    );
    const body = strFromU8(files['word/document.xml']!);
    expect((body.match(/<w:tbl>/g) ?? []).length).toBe(1);
    expect(body).toContain('Overall: FAIL');
  });
});
