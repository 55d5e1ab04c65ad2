/**
 * Reads a ZIP file's central directory (without inflating anything) to refuse archives whose
 * contents would expand beyond a limit: the defence against zip bombs in DOCX and XLSX uploads.
 */
export interface ZipSummary {
  entries: number;
  uncompressedBytes: number;
}

export function summariseZip(data: Buffer): ZipSummary | null {
  // End of central directory: at least 22 bytes from the end, after a comment of ≤ 65535 bytes.
  const start = Math.max(0, data.length - 22 - 65_535);
  let eocd = -1;
  for (let i = data.length - 22; i >= start; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) return null;
    total += data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries: count, uncompressedBytes: total };
}

export const ZIP_LIMITS = { maxEntries: 5_000, maxUncompressedBytes: 100 * 1024 * 1024 };

/** True when the archive is readable and within the limits. */
export function zipWithinLimits(data: Buffer, limits = ZIP_LIMITS): boolean {
  const summary = summariseZip(data);
  return (
    summary !== null &&
    summary.entries <= limits.maxEntries &&
    summary.uncompressedBytes <= limits.maxUncompressedBytes
  );
}
