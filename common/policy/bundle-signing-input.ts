import canonicalize from 'canonicalize';

/**
 * The exact bytes a policy bundle signature covers: the RFC 8785 (JCS) form of the `bundle` member,
 * UTF-8. Any JCS implementation reproduces them, so the server (or openssl, after a JCS step) can
 * sign and verify without this code.
 */
export function policyBundleSigningInput(bundle: unknown): Uint8Array {
  const text = canonicalize(bundle);
  if (text === undefined) throw new TypeError('the bundle has no JSON form');
  return new TextEncoder().encode(text);
}
