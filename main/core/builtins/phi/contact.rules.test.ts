import { describe, expect, it } from 'vitest';
import { isIpv6 } from './contact.rules';

describe('isIpv6', () => {
  it.each([
    '2001:db8::1',
    'fe80::1ff:fe23:4567:890a',
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    '::ffff:192.0.2.1',
  ])('accepts %s', (v) => {
    expect(isIpv6(v)).toBe(true);
  });
  it.each(['10:30:15', '00:1A:2B:3C:4D:5E', '1::2::3', 'abcd:', '12345::1', '::', '::ffff:999.0.0.1'])(
    'rejects %s',
    (v) => {
      expect(isIpv6(v)).toBe(false);
    },
  );
});
