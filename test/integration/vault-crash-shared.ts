/** Shared by the crash test and its child writer: deterministic content per (id, version). */
export const CRASH_PASSPHRASE = 'crash test passphrase';
export const CRASH_COMPACT_THRESHOLD = 48 * 1024;

export function crashBody(id: string, version: number): string {
  let h = 0;
  for (const ch of `${id}:${version}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const pad = 'lorem ipsum dolor sit amet '.repeat(20 + (h % 400));
  return JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `${id} version ${version} ${pad}` }] }],
  });
}
