/**
 * VERIFY.md, shipped inside every bundle: how to check it with `starring audit verify` and with
 * nothing but openssl (3.0+), sha256sum, jq, awk and a POSIX-ish bash. The script below is run by
 * test/integration/audit-bundle-export.test.ts against a real bundle, so it cannot rot.
 */

/** The shell procedure on its own (also extracted by the test). */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env bash
# Run inside the folder the bundle was unzipped into (unzip -q bundle.zip -d bundle && cd bundle).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. manifest.sig is the signer's Ed25519 signature over the exact bytes of manifest.json.
SIGNER=$(jq -r .signer manifest.json)
openssl pkeyutl -verify -pubin -inkey "keys/device-$SIGNER.pub.pem" -rawin \
  -in manifest.json -sigfile manifest.sig >/dev/null || fail "manifest.sig does not verify"

# 2. Each device id is the first 32 hex digits of SHA-256 over its public key (DER).
for dev in $(jq -r '.devices[].id' manifest.json); do
  got=$(openssl pkey -pubin -in "keys/device-$dev.pub.pem" -outform DER | sha256sum | cut -c1-32)
  [ "$got" = "$dev" ] || fail "keys/device-$dev.pub.pem does not belong to device $dev"
done

# 3. Every file is listed in the manifest with its SHA-256, and nothing unlisted is present.
jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json | sha256sum --check --strict --quiet - \
  || fail "a file does not match its manifest hash"
extra=$(comm -23 <(find . -type f ! -name manifest.json ! -name manifest.sig | sed 's|^\./||' | LC_ALL=C sort) \
                 <(jq -r '.files[].path' manifest.json | LC_ALL=C sort))
[ -z "$extra" ] || fail "files not listed in the manifest: $extra"

# 4. Every full entry hashes to its "hash": SHA-256 of the RFC 8785 (JCS) form without "hash".
#    For ASCII/BMP text, jq -cS prints exactly the JCS form (see the note below).
jq -c 'select(.redacted != true)' entries.jsonl | while IFS= read -r e; do
  want=$(jq -r .hash <<<"$e")
  got=$(jq -cSj 'del(.hash)' <<<"$e" | sha256sum | cut -c1-64)
  [ "$want" = "$got" ] || fail "entry $(jq -c '{device,seq}' <<<"$e") was altered"
done

# 5. Per device, seq runs on from the anchor without gaps and each prev is the hash before it
#    (redacted lines included: their hash is taken as given, their links are checked).
jq -r '.anchors[] | [.device, .seq, .hash] | @tsv' manifest.json > anchors.tsv.tmp
jq -r '[.device, .seq, .prev, .hash] | @tsv' entries.jsonl | awk -F'\t' '
  NR == FNR { seq[$1] = $2; hash[$1] = $3; next }
  !($1 in seq) { print "FAIL: no anchor for device " $1 > "/dev/stderr"; bad = 1; exit 1 }
  $2 != seq[$1] + 1 || $3 != hash[$1] { print "FAIL: chain broken at device " $1 " seq " $2 > "/dev/stderr"; bad = 1; exit 1 }
  { seq[$1] = $2; hash[$1] = $4; seen[$1] = 1 }
  END { if (bad) exit 1; for (d in seen) print d "\t" seq[d] "\t" hash[d] > "heads.tsv.tmp" }
' anchors.tsv.tmp - || fail "entries.jsonl chain"
touch heads.tsv.tmp

# 6. Every checkpoint is signed by its device over JCS(checkpoint without "sig"), each one's
#    prevCheckpoint is SHA-256 of the JCS form of the one before it, and the last entry of every
#    device is covered by a checkpoint naming its seq and hash.
while IFS= read -r c; do
  dev=$(jq -r .device <<<"$c")
  jq -cSj 'del(.sig)' <<<"$c" > cp.json.tmp
  jq -r .sig <<<"$c" | base64 -d > cp.sig.tmp
  openssl pkeyutl -verify -pubin -inkey "keys/device-$dev.pub.pem" -rawin -in cp.json.tmp \
    -sigfile cp.sig.tmp >/dev/null || fail "checkpoint $(jq -c '{device,seq}' <<<"$c") signature"
  if [ -f "cpprev-$dev.tmp" ] && [ "$(jq -r .prevCheckpoint <<<"$c")" != "$(cat "cpprev-$dev.tmp")" ]; then
    fail "checkpoint chain of device $dev is broken before seq $(jq -r .seq <<<"$c")"
  fi
  jq -cSj . <<<"$c" | sha256sum | cut -c1-64 > "cpprev-$dev.tmp"
done < checkpoints.jsonl
while IFS=$'\t' read -r dev seq hash; do
  jq -e --arg d "$dev" --argjson s "$seq" --arg h "$hash" \
    'select(.device == $d and .seq == $s and .head == $h)' checkpoints.jsonl >/dev/null \
    || fail "device $dev: last entry $seq is not covered by a checkpoint"
done < heads.tsv.tmp

# 7. Receipts (if any) are signed by the server key the same way.
if [ -s receipts.jsonl ]; then
  while IFS= read -r r; do
    jq -cSj 'del(.sig)' <<<"$r" > rc.json.tmp
    jq -r .sig <<<"$r" | base64 -d > rc.sig.tmp
    openssl pkeyutl -verify -pubin -inkey keys/server.pub.pem -rawin -in rc.json.tmp \
      -sigfile rc.sig.tmp >/dev/null || fail "receipt $(jq -c '{device,from,to}' <<<"$r") signature"
  done < receipts.jsonl
fi
rm -f ./*.tmp
echo "OK: signature, file hashes, entry hashes, chain links and checkpoints all hold"
`;

/** The full VERIFY.md for a bundle signed by `signer`. */
export function verifyMarkdown(signer: string): string {
  return `# Verifying this audit bundle

This bundle was exported by StarRing Workspace (星环工作台) and signed by device \`${signer}\`.
Its format is described in the product's ARCHITECTURE.md §3; this file is enough to check it.

## With the StarRing command line

    starring audit verify bundle.zip

Exit status 0 means every file hash, the manifest signature, every entry hash and chain link, and
every checkpoint hold. Otherwise it exits non-zero and names the first thing that failed
(file, device, seq). Add \`--device-key device.pem\` to insist on the device key you hold from
the enterprise server's device registry, and \`--server-key server.pem\` for receipts.

## With only openssl, sha256sum, jq and bash

What is checked, in order:

1. \`manifest.sig\` is the raw 64-byte Ed25519 signature of the exact bytes of \`manifest.json\`
   by the key in \`keys/device-<signer>.pub.pem\`.
2. Each device id is the first 32 hex digits of SHA-256 over the DER (SPKI) public key.
3. Every file in the zip except the manifest and its signature is listed in
   \`manifest.json\` \`files\` with the right SHA-256, and nothing else is present.
4. Each full line of \`entries.jsonl\` hashes to its \`hash\`: lowercase hex SHA-256 of the
   RFC 8785 (JCS) canonical JSON of the entry without \`hash\`.
5. Per device the lines run from \`anchors[].seq + 1\` without gaps; the first \`prev\` is the
   anchor's \`hash\` and each later \`prev\` is the \`hash\` of the line before. Redacted lines
   (\`"redacted":true\`) stand for entries outside the export filter: their hash is taken as
   given and their links are checked.
6. Each line of \`checkpoints.jsonl\` carries \`sig\`: base64 Ed25519 by its device over the JCS
   form of the checkpoint without \`sig\`; its \`prevCheckpoint\` is the SHA-256 of the JCS form
   of the device's previous checkpoint (64 zeros for the first one ever). The last entry of
   every device must be named (seq and hash) by a checkpoint.
7. Receipts in \`receipts.jsonl\` are signed the same way by \`keys/server.pub.pem\`.

The script below does all of it (unzip first; it needs OpenSSL 3.0 or later for \`-rawin\`):

\`\`\`bash
${VERIFY_SCRIPT}\`\`\`

Note on JCS: \`jq -cS\` sorts keys by code point while JCS sorts by UTF-16 code unit, and jq
escapes U+007F; the two agree for text without U+007F and without characters beyond U+FFFF. For
bundles with such text use an RFC 8785 library (e.g. \`canonicalize\` for JavaScript, \`jcs\`
for Python, \`cyberphone/json-canonicalization\` for Java or Go) for step 4.

Anyone holding this file can only confirm the bundle is intact and was signed by the device key it
names. To know the key is genuine, compare the signer's key with the one in your organisation's
device registry.
`;
}
