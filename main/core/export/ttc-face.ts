/**
 * Extracts one face of a TrueType/OpenType collection (.ttc) as a standalone font file. pdf-lib
 * embeds single fonts only (fontkit hands it a collection object it cannot subset), and Debian's
 * fonts-noto-cjk ships its CJK faces as collections. The faces share table data; copying the chosen
 * face's tables into a new table directory gives a valid sfnt (table checksums are unchanged).
 */
export function extractTtcFace(
  ttc: Uint8Array,
  wantedPostscriptName?: (name: string) => boolean,
  index = 0,
): Uint8Array {
  const view = new DataView(ttc.buffer, ttc.byteOffset, ttc.byteLength);
  const tag = String.fromCharCode(...ttc.subarray(0, 4));
  if (tag !== 'ttcf') return ttc; // already a single font
  const numFonts = view.getUint32(8);
  const faces = Array.from({ length: numFonts }, (_, i) => view.getUint32(12 + 4 * i));
  let chosen = faces[Math.min(index, numFonts - 1)]!;
  if (wantedPostscriptName) {
    const match = faces.find((offset) => {
      const name = postscriptName(ttc, view, offset);
      return name !== undefined && wantedPostscriptName(name);
    });
    if (match !== undefined) chosen = match;
  }
  return copyFace(ttc, view, chosen);
}

function tables(view: DataView, faceOffset: number) {
  const numTables = view.getUint16(faceOffset + 4);
  return Array.from({ length: numTables }, (_, i) => {
    const at = faceOffset + 12 + 16 * i;
    return {
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 4),
      offset: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
    };
  });
}

function copyFace(ttc: Uint8Array, view: DataView, faceOffset: number): Uint8Array {
  const list = tables(view, faceOffset);
  const headerBytes = 12 + 16 * list.length;
  const total = list.reduce((sum, t) => sum + ((t.length + 3) & ~3), headerBytes);
  const out = new Uint8Array(total);
  const w = new DataView(out.buffer);
  out.set(ttc.subarray(faceOffset, faceOffset + 12), 0); // sfnt version and search fields
  let at = headerBytes;
  list.forEach((t, i) => {
    const rec = 12 + 16 * i;
    w.setUint32(rec, t.tag);
    w.setUint32(rec + 4, t.checksum);
    w.setUint32(rec + 8, at);
    w.setUint32(rec + 12, t.length);
    out.set(ttc.subarray(t.offset, t.offset + t.length), at);
    at += (t.length + 3) & ~3;
  });
  return out;
}

/** The PostScript name (name id 6) of a face, from its `name` table. */
function postscriptName(ttc: Uint8Array, view: DataView, faceOffset: number): string | undefined {
  const name = tables(view, faceOffset).find((t) => t.tag === 0x6e616d65); // 'name'
  if (!name) return undefined;
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  for (let i = 0; i < count; i += 1) {
    const rec = name.offset + 6 + 12 * i;
    if (view.getUint16(rec + 6) !== 6) continue;
    const platform = view.getUint16(rec);
    const length = view.getUint16(rec + 8);
    const start = strings + view.getUint16(rec + 10);
    const bytes = ttc.subarray(start, start + length);
    if (platform === 1) return String.fromCharCode(...bytes);
    let s = '';
    for (let j = 0; j + 1 < bytes.length; j += 2) s += String.fromCharCode((bytes[j]! << 8) | bytes[j + 1]!);
    return s;
  }
  return undefined;
}
