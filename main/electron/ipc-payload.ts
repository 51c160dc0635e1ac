/**
 * Electron IPC hands main an already-deserialized structured clone, so there is no byte count to
 * check against MAX_MESSAGE_BYTES. This walks the value once, adding up roughly what its JSON would
 * weigh, and stops as soon as the budget is spent — a 500 MB string costs one length check, not a
 * copy. Anything that is not plain JSON data (Map, Date, typed arrays, cycles, absurd nesting) is
 * refused here too: the contract only carries JSON, the same as the harness's WebSocket.
 */

export type PayloadVerdict = { ok: true; bytes: number } | { ok: false; reason: 'too-large' | 'not-plain' };

const MAX_DEPTH = 64;

export function measurePayload(value: unknown, maxBytes: number): PayloadVerdict {
  let total = 0;
  let tooLarge = false;

  // Returns false when the value is not plain data; sets tooLarge and stops when over budget.
  function walk(node: unknown, depth: number): boolean {
    if (tooLarge) return true;
    if (depth > MAX_DEPTH) return false;
    switch (typeof node) {
      case 'undefined':
        total += 4;
        break;
      case 'boolean':
        total += 5;
        break;
      case 'number':
        total += 24;
        break;
      case 'string':
        // Each UTF-16 unit is at least one UTF-8 byte, so a long string fails without being scanned.
        if (node.length > maxBytes - total) {
          tooLarge = true;
          return true;
        }
        total += 2 + Buffer.byteLength(node, 'utf8');
        break;
      case 'object': {
        if (node === null) {
          total += 4;
          break;
        }
        if (Array.isArray(node)) {
          total += 2;
          for (const item of node) {
            if (!walk(item, depth + 1)) return false;
            total += 1;
            if (total > maxBytes) break;
          }
          break;
        }
        const proto: unknown = Object.getPrototypeOf(node);
        if (proto !== Object.prototype && proto !== null) return false;
        total += 2;
        for (const [key, item] of Object.entries(node)) {
          total += Buffer.byteLength(key, 'utf8') + 4;
          if (!walk(item, depth + 1)) return false;
          if (total > maxBytes) break;
        }
        break;
      }
      default:
        // bigint, symbol, function: never valid in the contract.
        return false;
    }
    if (total > maxBytes) tooLarge = true;
    return true;
  }

  const plain = walk(value, 0);
  if (tooLarge) return { ok: false, reason: 'too-large' };
  if (!plain) return { ok: false, reason: 'not-plain' };
  return { ok: true, bytes: total };
}
