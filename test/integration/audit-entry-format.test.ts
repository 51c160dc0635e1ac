import { createHash, randomInt } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { AuditEntry, ZERO_HASH } from '../../common/audit/entry.schema';
import { entryHashInput, entryLine } from '../../common/audit/jcs';
import { aiInvocationDetails } from '../../main/core/audit/ai-details';
import { createTestLog } from '../../main/core/audit/audit-fixtures.testkit';
import { createMemorySubjectSealer, openPersonalData } from '../../main/core/audit/subject-sealer';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The reference rule of §3, written out with the canonicalize library alone. */
function referenceHash(entry: Record<string, unknown>): string {
  const { hash: _hash, ...rest } = entry;
  return sha256(canonicalize(rest) as string);
}

const alphabet = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0001',
  '\u007f',
  'é',
  '中',
  '\u2028',
  '😀',
  '\ud7ff',
  '\ue000',
];
const randomText = (): string =>
  Array.from({ length: randomInt(0, 12) }, () => alphabet[randomInt(alphabet.length)]).join('');

function randomValue(depth: number): unknown {
  const pick = randomInt(depth > 2 ? 4 : 6);
  if (pick === 0) return randomText();
  if (pick === 1) return randomInt(-1_000_000, 1_000_000);
  if (pick === 2) return randomInt(2) === 0;
  if (pick === 3) return null;
  if (pick === 4) return Array.from({ length: randomInt(4) }, () => randomValue(depth + 1));
  return Object.fromEntries(
    Array.from({ length: randomInt(4) }, () => [randomText(), randomValue(depth + 1)]),
  );
}

describe('audit entry format (ARCHITECTURE.md §3)', () => {
  it('writes exactly the §3 fields, chains from 64 zeros and hashes JCS without `hash`', async () => {
    const { log, identity } = await createTestLog(5);
    const entries = await log.tail(10);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.prev).toBe(ZERO_HASH);
    for (const [i, entry] of entries.entries()) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          'v',
          'seq',
          'ts',
          'tenant',
          'device',
          'actor',
          'action',
          'resource',
          'outcome',
          'policyVersion',
          'details',
          'prev',
          'hash',
        ].sort(),
      );
      expect(AuditEntry.safeParse(entry).success).toBe(true);
      expect(entry.v).toBe(1);
      expect(entry.device).toBe(identity.deviceId);
      expect(entry.tenant).toBe('st-mary');
      expect(entry.hash).toBe(referenceHash(entry));
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(entry.prev).toBe(entries[i - 1]?.hash);
    }
    // A line of entries.jsonl is the JCS form of the whole entry.
    expect(entryLine(entries[0] as AuditEntry)).toBe(canonicalize(entries[0]));
  });

  it('the fast canonical path equals the reference JCS serializer on random entries', () => {
    for (let i = 0; i < 400; i += 1) {
      const entry = {
        v: 1,
        seq: randomInt(1, 2 ** 40),
        ts: '2026-11-24T19:03:45.123Z',
        tenant: randomText() || 't',
        device: 'ab'.repeat(16),
        actor: randomText(),
        action: randomText(),
        resource: { type: randomText(), id: randomText() },
        outcome: 'allow',
        policyVersion: randomInt(0, 1000),
        details: randomValue(0) as Record<string, unknown>,
        prev: ZERO_HASH,
        hash: 'f'.repeat(64),
      };
      if (typeof entry.details !== 'object' || entry.details === null || Array.isArray(entry.details))
        entry.details = {};
      const { hash: _hash, ...unhashed } = entry;
      expect(entryHashInput(entry)).toBe(canonicalize(unhashed));
      expect(entryLine(entry as unknown as AuditEntry)).toBe(canonicalize(entry));
    }
  });

  it('never leaves an unexpected key out of the hash, and rejects lone surrogates as JCS does', () => {
    const base = {
      v: 1,
      seq: 1,
      ts: '2026-11-24T19:03:45.123Z',
      tenant: 't',
      device: 'ab'.repeat(16),
      actor: 'a',
      action: 'x',
      resource: { type: 'app', id: '' },
      outcome: 'allow',
      policyVersion: 0,
      details: {},
      prev: ZERO_HASH,
    };
    expect(entryHashInput({ ...base, extra: 'smuggled' })).toContain('smuggled');
    expect(entryHashInput({ ...base, resource: { type: 'app', id: '', x: 1 } })).toContain('"x":1');
    expect(() => entryHashInput({ ...base, actor: 'bad\ud800' })).toThrow(/surrogate/i);
  });

  it('AI invocations record model id, model hash, provider and a prompt hash, never the prompt', async () => {
    const prompt = 'Summarize the discharge note for patient Jane Roe, MRN 12345';
    const details = aiInvocationDetails({
      modelId: 'phi-3-mini',
      modelHash: 'a'.repeat(64),
      provider: 'local',
      prompt,
      task: 'summarize',
    });
    expect(details).toMatchObject({
      modelId: 'phi-3-mini',
      modelHash: 'a'.repeat(64),
      provider: 'local',
      promptHash: sha256(prompt),
    });
    const { log } = await createTestLog();
    const entry = await log.append({ actor: 'alice', action: 'ai.invoke', outcome: 'success', details });
    expect(JSON.stringify(entry)).not.toContain('Jane Roe');
    expect(() =>
      aiInvocationDetails({ modelId: 'm', modelHash: 'nope', provider: 'local', prompt }),
    ).toThrow();
  });

  it('seals personal data under the subject key; shredding the key keeps the chain valid', async () => {
    const sealer = createMemorySubjectSealer();
    const { log } = await createTestLog(3, { subjectSealer: sealer });
    const entry = await log.append({
      actor: 'alice',
      action: 'document.read',
      outcome: 'allow',
      resource: { type: 'document', id: 'doc-1' },
      personal: { subject: 'subj-7f3a', data: { patientName: 'Jane Roe', mrn: '12345' } },
    });
    await log.append({ actor: 'alice', action: 'document.close', outcome: 'success' });
    expect(JSON.stringify(entry)).not.toContain('Jane Roe');
    const sealed = entry.details.sealed as { alg: string; subject: string; kid: string; ct: string };
    expect(sealed).toMatchObject({ alg: 'A256GCM', subject: 'subj-7f3a' });
    expect(openPersonalData(sealer, entry.details.sealed as never)).toEqual({
      shredded: false,
      data: { patientName: 'Jane Roe', mrn: '12345' },
    });

    sealer.shred('subj-7f3a');
    expect(openPersonalData(sealer, entry.details.sealed as never)).toEqual({ shredded: true });
    const report = await log.verifyChain();
    expect(report.ok).toBe(true);
    expect(report.count).toBe(5);
  });

  it('refuses personal data without a sealer, caller-set details.sealed and non-integer numbers', async () => {
    const { log } = await createTestLog();
    await expect(
      log.append({
        actor: 'a',
        action: 'x',
        outcome: 'allow',
        personal: { subject: 's', data: { name: 'Jane' } },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      log.append({ actor: 'a', action: 'x', outcome: 'allow', details: { sealed: 'x' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      log.append({ actor: 'a', action: 'x', outcome: 'allow', details: { score: 0.5 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(log.head().seq).toBe(0);
    await log.append({ actor: 'a', action: 'x', outcome: 'allow' });
    expect(log.head().seq).toBe(1);
  });
});
