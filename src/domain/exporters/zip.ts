/** A file to put in a zip: its path inside the archive and its bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

// The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) that every zip entry records.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of some bytes: `crc32(new TextEncoder().encode('123456789'))` → `0xcbf43926`. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive of `entries`, stored without compression (method 0), names in UTF-8 (flag bit 11): the
 * smallest archive every unzip reads. Every entry is dated 1980-01-01 00:00, the format's first day, so the
 * same entries give the same bytes (the domain has no clock).
 */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const { name, data } of entries) {
    const path = encoder.encode(name);
    const crc = crc32(data);
    // The fields the local header and the central directory share, from "version needed" to the name's length.
    const common = (view: DataView, at: number) => {
      view.setUint16(at, 20, true); // version needed: 2.0
      view.setUint16(at + 2, 0x0800, true); // UTF-8 names
      view.setUint16(at + 4, 0, true); // stored
      view.setUint16(at + 6, 0, true); // time 00:00
      view.setUint16(at + 8, DOS_DATE, true);
      view.setUint32(at + 10, crc, true);
      view.setUint32(at + 14, data.length, true); // compressed size
      view.setUint32(at + 18, data.length, true); // size
      view.setUint16(at + 22, path.length, true);
      view.setUint16(at + 24, 0, true); // no extra field
    };
    const local = new Uint8Array(30 + path.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    common(lv, 4);
    local.set(path, 30);
    local.set(data, 30 + path.length);
    const central = new Uint8Array(46 + path.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true); // made by: 2.0
    common(cv, 6);
    // Comment length, disk, internal and external attributes: all 0.
    cv.setUint32(42, offset, true);
    central.set(path, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
