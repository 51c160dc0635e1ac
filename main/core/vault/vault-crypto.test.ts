import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  aad,
  aesGcm,
  canonicalJson,
  deriveKey,
  identityCipher,
  randomKey,
  wipe,
} from './vault-crypto';

describe('vault-crypto', () => {
  const key = randomKey();

  it('seals and opens with AES-256-GCM, fresh nonce each time', () => {
    const a = aesGcm.seal(key, Buffer.from('hello'), aad('test', 'x'));
    const b = aesGcm.seal(key, Buffer.from('hello'), aad('test', 'x'));
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(aesGcm.open(key, a, aad('test', 'x')).toString()).toBe('hello');
  });

  it('rejects any altered byte, wrong associated data or wrong key', () => {
    const sealed = aesGcm.seal(key, Buffer.from('secret text'), aad('blob', 'id-1'));
    for (let i = 0; i < sealed.length; i++) {
      const copy = Buffer.from(sealed);
      copy[i]! ^= 0x01;
      expect(() => aesGcm.open(key, copy, aad('blob', 'id-1'))).toThrow(AuthenticationError);
    }
    expect(() => aesGcm.open(key, sealed, aad('blob', 'id-2'))).toThrow(AuthenticationError);
    expect(() => aesGcm.open(randomKey(), sealed, aad('blob', 'id-1'))).toThrow(AuthenticationError);
    expect(() => aesGcm.open(key, sealed.subarray(0, 20), aad('blob', 'id-1'))).toThrow(AuthenticationError);
  });

  it('encodes associated data unambiguously', () => {
    expect(aad('r', 'ab', 'c').equals(aad('r', 'a', 'bc'))).toBe(false);
    expect(aad('r', 1).equals(aad('r', '1'))).toBe(false);
  });

  it('identity cipher (benchmark only) keeps the same layout', () => {
    const s = identityCipher.seal(key, Buffer.from('abc'), aad('x'));
    expect(s.length).toBe(3 + 28);
    expect(identityCipher.open(key, s, aad('x')).toString()).toBe('abc');
  });

  it('derives distinct purpose keys and wipes buffers', () => {
    const h = deriveKey(key, 'v1', 'head');
    expect(h.equals(deriveKey(key, 'v1', 'keyfile-mac'))).toBe(false);
    expect(h.equals(deriveKey(key, 'v2', 'head'))).toBe(false);
    wipe(h);
    expect(h.every((b) => b === 0)).toBe(true);
  });

  it('canonical JSON sorts keys recursively', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('vault-crypto sealer', () => {
  it('streams the same format that open() accepts', () => {
    const key = randomKey();
    const sealer = aesGcm.sealer(key, aad('snapshot', 1));
    const parts = [
      sealer.nonce,
      sealer.update(Buffer.from('in ')),
      sealer.update(Buffer.from('steps')),
      sealer.final(),
    ];
    const sealed = Buffer.concat(parts);
    expect(aesGcm.open(key, sealed, aad('snapshot', 1)).toString()).toBe('in steps');
    expect(() => aesGcm.open(key, sealed, aad('snapshot', 2))).toThrow(AuthenticationError);
  });
});
