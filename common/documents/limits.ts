/**
 * Size limits for documents, shared by the contract (rejects oversize saves), the core and the
 * editor (refuses an oversize paste before sending it, with the same numbers in its message).
 */

/** The most a single save's content may weigh as JSON text: far above any real note. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** The most text one paste may insert into a field (characters). */
export const MAX_PASTE_CHARS = 1_000_000;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
