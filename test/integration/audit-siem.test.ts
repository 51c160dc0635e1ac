import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/audit/entry.schema';
import { createTestLog } from '../../main/core/audit/audit-fixtures.testkit';
import { escapeParamValue, exportSiem, siemFields } from '../../main/core/audit/siem-export';

/** RFC 5424: <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG] */
const RFC5424 =
  /^<(\d{1,3})>1 (\S+) ([\x21-\x7e]{1,255}) ([\x21-\x7e]{1,48}) ([\x21-\x7e]{1,128}) ([\x21-\x7e]{1,32}) (\[([\x21-\x7e]+?)((?: [^= \]"]{1,32}="(?:[^"\\\]]|\\["\\\]])*")*)\])(?: (.*))?$/;

async function entries(): Promise<AuditEntry[]> {
  const { log } = await createTestLog(0);
  await log.append({
    actor: 'alice@hospital.example',
    action: 'document.export',
    outcome: 'allow',
    resource: { type: 'document', id: 'd-1' },
  });
  await log.append({
    actor: 'eve "the] tester\\',
    action: 'vault.unlock',
    outcome: 'deny',
    details: { reason: 'wrong "passphrase"]\\ again\nnext line', policyId: 'p"1' },
  });
  return log.tail(10);
}

describe('SIEM export', () => {
  it('writes RFC 5424 lines with escaped structured data', async () => {
    const [allowed, denied] = await entries();
    const lines = exportSiem('syslog', [allowed as AuditEntry, denied as AuditEntry], {
      hostname: 'ward-7-pc',
      procId: '4242',
    });
    const first = RFC5424.exec(lines[0] as string);
    expect(first).not.toBeNull();
    expect(first?.[1]).toBe(String(13 * 8 + 6));
    expect(first?.[2]).toBe(allowed?.ts);
    expect(first?.slice(3, 7)).toEqual(['ward-7-pc', 'starring', '4242', 'document.export']);
    expect(first?.[8]).toBe('audit@32473');
    expect(first?.[10]).toBe('alice@hospital.example document.export document:d-1 allow');

    const second = RFC5424.exec(lines[1] as string);
    expect(second).not.toBeNull();
    expect(second?.[1]).toBe(String(13 * 8 + 4));
    expect(lines[1]).toContain('actor="eve \\"the\\] tester\\\\"');
    expect(lines[1]).toContain('reason="wrong \\"passphrase\\"\\]\\\\ again next line"');
    expect(lines[1]).not.toContain('\n');
    expect(lines[1]).toContain(`hash="${denied?.hash}"`);
    expect(escapeParamValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
  });

  it('writes JSON lines with the same fields as the syslog structured data', async () => {
    const list = await entries();
    const syslog = exportSiem('syslog', list);
    const json = exportSiem('jsonl', list).map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [i, entry] of list.entries()) {
      const record = json[i] as Record<string, unknown>;
      for (const [name, value] of siemFields(entry)) {
        expect(record[name]).toBe(value);
        expect(syslog[i]).toContain(`${name}="${escapeParamValue(String(value))}"`);
      }
      expect(record).toMatchObject({
        facility: 13,
        host: entry.device,
        app: 'starring',
        msgid: entry.action,
      });
    }
    expect(json[1]?.severity).toBe(4);
  });
});
