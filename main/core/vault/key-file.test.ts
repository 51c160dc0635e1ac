import { describe, expect, it } from 'vitest';
import { decodeKeyFile, encodeKeyFile, keyFileMac, type KeyFile } from './key-file';
import { addSubjectKey, newKeyring, openKeyring, wrapKeys } from './key-hierarchy';
import { randomKey } from './vault-crypto';

function sample(): { file: KeyFile; master: Buffer } {
  const master = randomKey();
  const ring = newKeyring('vault-1', 'default', Buffer.from(master), 1);
  addSubjectKey(ring, 'patient-7', 2);
  const auth = { epoch: 3, cipher: 'aes-256-gcm' as const, slots: [], ...wrapKeys(ring) };
  return {
    file: {
      format: 'starring-vault-keys',
      v: 1,
      vaultId: 'vault-1',
      createdAt: 1,
      auth,
      mac: keyFileMac(ring.macKey, 'vault-1', auth),
    },
    master,
  };
}

describe('key file', () => {
  it('round-trips and unwraps the key hierarchy', () => {
    const { file, master } = sample();
    const decoded = decodeKeyFile(encodeKeyFile(file));
    const ring = openKeyring(decoded, Buffer.from(master), 'default');
    expect(ring.dataKeys.size).toBe(1);
    expect([...ring.subjectKeys.values()][0]?.subjectRef).toMatch(/^[0-9a-f]{64}$/);
    // The key file, readable without unlocking, must not name the patient.
    expect(encodeKeyFile(decoded).toString()).not.toContain('patient-7');
  });

  it('reports any flipped byte as damage to vault.keys (checksum), before any key is needed', () => {
    const bytes = encodeKeyFile(sample().file);
    for (const i of [0, 10, Math.floor(bytes.length / 2), bytes.length - 2]) {
      const copy = Buffer.from(bytes);
      copy[i]! ^= 0x04;
      expect(() => decodeKeyFile(copy)).toThrow(
        expect.objectContaining({ code: 'STORE_CORRUPT', file: 'vault.keys' }),
      );
    }
  });

  it('catches a deliberate edit (valid checksum) with the MAC', () => {
    const { file, master } = sample();
    const edited = { ...file, auth: { ...file.auth, subjectKeys: [] } };
    expect(() => openKeyring(decodeKeyFile(encodeKeyFile(edited)), Buffer.from(master), 'default')).toThrow(
      /authentication code/,
    );
  });
});
