import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv';
import { qcLoaded, soapLoaded } from './test-fixtures';
import { toExportDocument } from './to-export-model';

describe('renderCsv', () => {
  it('writes RFC 4180 CSV with a BOM, quoting and formula injection neutralised', () => {
    const csv = renderCsv(toExportDocument(qcLoaded));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Feature,Nominal (mm),Tol −,Tol +,Measured (mm),Result');
    expect(lines[1]).toBe('"Hole Ø, ""A""",10,0.1,0.1,10.05,PASS');
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",20,0.2,0.2,20.5,FAIL`);
  });

  it('names the tables when asked for one that does not exist, and refuses a document without tables', () => {
    expect(() => renderCsv(toExportDocument(qcLoaded), 'nope')).toThrow(/tables: measurements/);
    expect(() => renderCsv(toExportDocument(soapLoaded))).toThrow(/no tables/);
  });
});
