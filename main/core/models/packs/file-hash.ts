/**
 * Streamed sha256 of one file: model weights run to gigabytes, so the file is never read whole
 * into memory, progress is reported as bytes go by, and an AbortSignal stops it between chunks.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../../../../common/errors';

/** Progress of one file. */
export interface HashProgress {
  /** Bytes of this file hashed so far. */
  bytes: number;
}

/** sha256 (lower-case hex) and byte count of a file; rejects with CANCELLED when aborted. */
export async function hashFile(
  path: string,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void; highWaterMark?: number } = {},
): Promise<{ sha256: string; size: number }> {
  const { signal, onBytes } = options;
  if (signal?.aborted) throw cancelled();
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: options.highWaterMark ?? 1 << 20 });
  const onAbort = (): void => {
    stream.destroy(cancelled());
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
      onBytes?.(bytes.length);
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  // A stream that ended because of an abort between chunks still counts as cancelled.
  if (signal?.aborted) throw cancelled();
  return { sha256: hash.digest('hex'), size };
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Checking the model pack was cancelled.');
}
