// How large a zip file would be once inflated, read from its central directory without inflating anything, so an
// upload that would expand to gigabytes (a zip bomb) is refused before any library unpacks it.

/** The sum of the entries' uncompressed sizes, or null when the bytes hold no readable zip directory. */
export function zipInflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most 64 KiB).
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const uncompressed = view.getUint32(offset + 24, true);
    // 0xffffffff means a ZIP64 size: over 4 GB, far past any limit.
    total += uncompressed === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : uncompressed;
    offset +=
      46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}
