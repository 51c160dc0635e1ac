import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobFileName, createBlobStore } from './blob-store';
import { createFileSystem } from './file-system';
import { addSubjectKey, destroyKeys, newKeyring, subjectRef } from './key-hierarchy';
import { tempDir } from './test-support';
import { aesGcm, randomKey } from './vault-crypto';

describe('blob store', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (d = await tempDir()));
  afterEach(async () => d.cleanup());

  function setup() {
    const ring = newKeyring('v', 'default', randomKey(), 1);
    return { ring, blobs: createBlobStore({ fs: createFileSystem(), dir: d.path, cipher: aesGcm, ring }) };
  }

  it('stores content-addressed, deduplicates, and reads back', async () => {
    const { blobs } = setup();
    const a = await blobs.put('data', Buffer.from('alpha'));
    const again = await blobs.put('data', Buffer.from('alpha'));
    expect(a.written).toBe(true);
    expect(again).toEqual({ blobId: a.blobId, written: false });
    expect((await blobs.get(a.blobId, 'data')).toString()).toBe('alpha');
  });

  it('detects swapped and damaged blobs, naming the file', async () => {
    const { blobs } = setup();
    const a = await blobs.put('data', Buffer.from('alpha'));
    const b = await blobs.put('data', Buffer.from('beta'));
    const pa = join(d.path, blobFileName(a.blobId));
    const pb = join(d.path, blobFileName(b.blobId));
    const [ba, bb] = [await readFile(pa), await readFile(pb)];
    await writeFile(pa, bb);
    await expect(blobs.get(a.blobId, 'data')).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      file: blobFileName(a.blobId),
    });
    await writeFile(pa, ba);
    await rename(pb, `${pb}.gone`);
    await expect(blobs.get(b.blobId, 'data')).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(/missing/),
    });
    expect((await blobs.get(a.blobId, 'data')).toString()).toBe('alpha');
  });

  it('makes a subject blob unreadable once the subject key is destroyed', async () => {
    const { ring, blobs } = setup();
    addSubjectKey(ring, 'p1', 1);
    const a = await blobs.put('subject:p1', Buffer.from('diagnosis'));
    const plain = await blobs.put('data', Buffer.from('diagnosis'));
    expect(a.blobId).not.toBe(plain.blobId);
    destroyKeys(ring, (k) => k.subjectRef === subjectRef(ring, 'p1'));
    await expect(blobs.get(a.blobId, 'subject:p1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/crypto-shredded/),
    });
  });
});
