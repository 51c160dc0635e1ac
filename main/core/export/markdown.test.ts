import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { qcLoaded, soapLoaded } from './test-fixtures';
import { toExportDocument } from './to-export-model';

const at = '2026-12-06T05:00:00.000Z';

describe('renderMarkdown', () => {
  it('carries metadata, signatures and AI provenance in YAML front matter', () => {
    const md = renderMarkdown(toExportDocument(soapLoaded), at);
    const front = md.split('\n---\n')[0]!;
    expect(front).toContain('title: "SOAP note — follow-up | \\"diabetes\\""');
    expect(front).toContain('classification: "phi"');
    expect(front).toContain('exported: "2026-12-06T05:00:00.000Z"');
    expect(front).toContain(
      '- { name: "Dr. Lin Wei", at: "2026-12-01T10:15:00.000Z", meaning: author, version: 2 }',
    );
    expect(front).toContain(`model: "tiny-gpt2", pack_sha256: "${'ab'.repeat(32)}"`);
    expect(md).toContain('# SOAP note — follow-up \\| "diabetes"');
    expect(md).toContain('**Systolic BP:** 128 mmHg');
    expect(md).toContain('患者精神好转。');
    expect(md).toContain('- **Author:** Dr. Lin Wei — 2026-12-01T10:15:00.000Z (version 2)');
  });

  it('renders tables as GFM tables with the overall result and checklists as task lists', () => {
    const md = renderMarkdown(toExportDocument(qcLoaded), at);
    expect(md).toContain('| Feature | Nominal (mm) | Tol − | Tol + | Measured (mm) | Result |');
    expect(md).toContain('| Hole Ø, "A" | 10 | 0.1 | 0.1 | 10.05 | PASS |');
    expect(md).toContain('**Overall: FAIL**');
    expect(md).toContain('- [x] Gauge calibrated');
    expect(md).toContain('_Not signed._');
  });
});
