/**
 * Steps 1–2 of bundle verification: the manifest parses, each device key belongs to its id, the
 * signer's Ed25519 signature holds over the exact manifest bytes, and the zip holds exactly the
 * files the manifest lists (plus manifest.json and manifest.sig).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  BUNDLE_FILES,
  BundleManifest,
  deviceKeyPath,
  type BundleFile,
} from '../../../common/audit/manifest.schema';
import { failBundle as fail } from './bundle-failure';
import { deviceIdFromPublicKey } from './device-identity';
import type { ZipReader } from './zip-reader';

const MANIFEST_MAX = 16 * 1024 * 1024;

/** The manifest after steps 1–2, with what later steps need. */
export interface CheckedManifest {
  manifest: BundleManifest;
  /** Device id → its public key, each checked against the id. */
  keys: Map<string, KeyObject>;
  /** Path → manifest record, for every listed file (all present in the zip). */
  listed: Map<string, BundleFile>;
}

/** Same key, compared on the SPKI encoding; false for anything unparsable. */
export function sameKey(a: KeyObject, pem: string): boolean {
  try {
    return a
      .export({ type: 'spki', format: 'der' })
      .equals(createPublicKey(pem).export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}

/** Runs steps 1–2; `trustedDeviceKeys`, when given, must include the signer's key. */
export async function checkManifest(
  zip: ZipReader,
  trustedDeviceKeys: readonly string[] | undefined,
): Promise<CheckedManifest> {
  // 1. The manifest and its signature.
  const manifestMember =
    zip.get(BUNDLE_FILES.manifest) ??
    fail({ file: BUNDLE_FILES.manifest, message: 'the bundle has no manifest.json' });
  const sigMember =
    zip.get(BUNDLE_FILES.signature) ??
    fail({ file: BUNDLE_FILES.signature, message: 'the bundle has no manifest.sig' });
  const manifestBytes = await zip.readAll(manifestMember, MANIFEST_MAX);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    fail({ file: BUNDLE_FILES.manifest, message: 'manifest.json is not valid JSON' });
  }
  const parsed = BundleManifest.safeParse(manifestJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail({
      file: BUNDLE_FILES.manifest,
      message: `manifest.json does not follow the format: ${issue?.path.join('.')} ${issue?.message}`,
    });
  }
  const manifest = parsed.data;
  const keys = new Map<string, KeyObject>();
  for (const device of manifest.devices) {
    let key: KeyObject;
    try {
      key = createPublicKey(device.publicKeyPem);
    } catch {
      fail({
        file: BUNDLE_FILES.manifest,
        device: device.id,
        message: 'the device public key is not a valid PEM key',
      });
    }
    if (
      key.asymmetricKeyType !== 'ed25519' ||
      deviceIdFromPublicKey(key) !== device.id ||
      keys.has(device.id)
    ) {
      fail({
        file: BUNDLE_FILES.manifest,
        device: device.id,
        message: 'the public key does not belong to this device id (or is listed twice)',
      });
    }
    keys.set(device.id, key);
  }
  const signerKey =
    keys.get(manifest.signer) ??
    fail({
      file: BUNDLE_FILES.manifest,
      device: manifest.signer,
      message: 'the signer is not among the devices',
    });
  const signature = await zip.readAll(sigMember, 1024);
  if (signature.length !== 64 || !verify(null, manifestBytes, signerKey, signature)) {
    fail({
      file: BUNDLE_FILES.signature,
      device: manifest.signer,
      message: `the signature does not verify over manifest.json with the key of signer ${manifest.signer}: manifest.json was changed or manifest.sig replaced`,
    });
  }
  if (trustedDeviceKeys && !trustedDeviceKeys.some((pem) => sameKey(signerKey, pem))) {
    fail({
      file: BUNDLE_FILES.signature,
      device: manifest.signer,
      message: 'the signer key is not one of the trusted device keys',
    });
  }

  // 2. The file list: exactly the members of the zip, no more, no fewer.
  const listed = new Map<string, BundleFile>();
  for (const file of manifest.files) {
    if (
      listed.has(file.path) ||
      file.path === BUNDLE_FILES.manifest ||
      file.path === BUNDLE_FILES.signature
    ) {
      fail({ file: file.path, message: 'listed twice in the manifest, or lists the manifest itself' });
    }
    listed.set(file.path, file);
  }
  for (const member of zip.members) {
    if (member.name === BUNDLE_FILES.manifest || member.name === BUNDLE_FILES.signature) continue;
    // Sizes are compared with the hashes, after the content checks that can name the seq at fault.
    if (!listed.has(member.name)) {
      fail({ file: member.name, message: 'the file is in the bundle but not listed in the signed manifest' });
    }
  }
  for (const path of listed.keys()) {
    if (!zip.get(path)) fail({ file: path, message: 'listed in the manifest but missing from the bundle' });
  }
  const required = [
    BUNDLE_FILES.entries,
    BUNDLE_FILES.checkpoints,
    BUNDLE_FILES.receipts,
    ...manifest.devices.map((d) => deviceKeyPath(d.id)),
  ];
  for (const path of required) {
    if (!listed.has(path)) fail({ file: path, message: 'a required file is missing' });
  }

  return { manifest, keys, listed };
}
