import { describe, expect, it } from 'vitest';
import { JOURNAL_HEADER_BYTES, encodeRecord, genesisHash, scanJournal, type SqlOp } from './journal';
import { aesGcm, randomKey } from './vault-crypto';

const key = { id: 'd-1', key: randomKey() };
const ctx = { cipher: aesGcm, vaultId: 'v', gen: 3 };
const keyFor = (id: string) => (id === key.id ? key.key : undefined);

function header(gen: number): Buffer {
  const b = Buffer.alloc(JOURNAL_HEADER_BYTES);
  Buffer.from('SRJRNL01').copy(b);
  b.writeBigUInt64BE(BigInt(gen), 8);
  return b;
}

function journal(n: number): { bytes: Buffer; records: Buffer[] } {
  let hash = genesisHash('v');
  const records: Buffer[] = [];
  for (let i = 1; i <= n; i++) {
    const ops: SqlOp[] = [['INSERT INTO t VALUES (?)', [i]]];
    const r = encodeRecord(ctx, key, i, hash, ops);
    hash = r.hash;
    records.push(r.bytes);
  }
  return { bytes: Buffer.concat([header(3), ...records]), records };
}

describe('journal', () => {
  it('round-trips records and their chain', () => {
    const { bytes } = journal(5);
    const scan = scanJournal(bytes, ctx, genesisHash('v'), keyFor);
    if ('badHeader' in scan) throw new Error(scan.badHeader);
    expect(scan.records.map((r) => r.ops[0]![1][0])).toEqual([1, 2, 3, 4, 5]);
    expect(scan.stop).toBeUndefined();
    expect(scan.validBytes).toBe(bytes.length);
  });

  it('stops at a torn tail without throwing', () => {
    const { bytes } = journal(3);
    const scan = scanJournal(bytes.subarray(0, bytes.length - 7), ctx, genesisHash('v'), keyFor);
    if ('badHeader' in scan) throw new Error(scan.badHeader);
    expect(scan.records).toHaveLength(2);
    expect(scan.stop?.problem).toMatch(/incomplete/);
  });

  it('detects reordered, dropped and replayed records', () => {
    const { records } = journal(3);
    const [a, b, c] = records as [Buffer, Buffer, Buffer];
    for (const order of [
      [a, c],
      [b, a, c],
      [a, a, b],
      [a, b, b],
    ]) {
      const scan = scanJournal(Buffer.concat([header(3), ...order]), ctx, genesisHash('v'), keyFor);
      if ('badHeader' in scan) throw new Error(scan.badHeader);
      expect(scan.stop?.problem).toMatch(/authenticate/);
    }
  });

  it('rejects a journal of another generation or vault', () => {
    const { bytes } = journal(2);
    expect(scanJournal(bytes, { ...ctx, gen: 4 }, genesisHash('v'), keyFor)).toEqual({
      badHeader: expect.stringMatching(/generation/),
    });
    const other = scanJournal(bytes, { ...ctx, vaultId: 'w' }, genesisHash('v'), keyFor);
    expect('badHeader' in other ? 0 : other.records.length).toBe(0);
  });
});
