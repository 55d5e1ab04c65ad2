/**
 * The one guard for every ZIP the product opens (DOCX to read, XLSX to import, office
 * attachments): it refuses an archive before a library inflates it, on the sizes declared in
 * the central directory and then on the real ones — each entry is inflated (off the main thread,
 * by zlib's thread pool) with its output capped at the size it declares, so a bomb that lies
 * about its sizes is caught after at most `maxInflatedBytes` of work. Encrypted entries, ZIP64
 * and compression methods other than stored/deflate (which no reader here supports) are refused.
 */
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw) as (
  data: Buffer,
  options: { maxOutputLength: number },
) => Promise<Buffer>;

export interface ZipLimits {
  maxEntries: number;
  /** All entries together, inflated. */
  maxInflatedBytes: number;
}

/** Spreadsheets and office attachments. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxInflatedBytes: 100 * 1024 * 1024 };

export interface ZipSummary {
  entries: number;
  /** As declared by the central directory. */
  uncompressedBytes: number;
}

export type ZipRefusal = 'not_zip' | 'too_many_entries' | 'too_large' | 'sizes_lie' | 'unsupported';
export type ZipVerdict =
  | { ok: true; entries: number; inflatedBytes: number }
  | { ok: false; reason: ZipRefusal };

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

function readCentralDirectory(data: Buffer): Entry[] | null | 'zip64' {
  if (data.length < 22) return null;
  // End of central directory: at least 22 bytes from the end, after a comment of ≤ 65535 bytes.
  const start = Math.max(0, data.length - 22 - 65_535);
  let eocd = -1;
  for (let i = data.length - 22; i >= start; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === ZIP64_MARK) return 'zip64';
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) return null;
    const entry: Entry = {
      flags: data.readUInt16LE(offset + 8),
      method: data.readUInt16LE(offset + 10),
      compressedSize: data.readUInt32LE(offset + 20),
      uncompressedSize: data.readUInt32LE(offset + 24),
      localOffset: data.readUInt32LE(offset + 42),
    };
    if (
      entry.compressedSize === ZIP64_MARK ||
      entry.uncompressedSize === ZIP64_MARK ||
      entry.localOffset === ZIP64_MARK
    )
      return 'zip64';
    entries.push(entry);
    offset +=
      46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

/** Entries and their declared expanded size, from the central directory alone (nothing inflated). */
export function summariseZip(data: Buffer): ZipSummary | null {
  const entries = readCentralDirectory(data);
  if (entries === null || entries === 'zip64') return null;
  return { entries: entries.length, uncompressedBytes: entries.reduce((s, e) => s + e.uncompressedSize, 0) };
}

/** Checks the declared and then the real inflated sizes of every entry against the limits. */
export async function inspectZip(data: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipVerdict> {
  const entries = readCentralDirectory(data);
  if (entries === null) return { ok: false, reason: 'not_zip' };
  if (entries === 'zip64') return { ok: false, reason: 'unsupported' };
  if (entries.length > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxInflatedBytes) return { ok: false, reason: 'too_large' };
  let inflated = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) return { ok: false, reason: 'unsupported' }; // encrypted
    const local = entry.localOffset;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL)
      return { ok: false, reason: 'not_zip' };
    const begin = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const end = begin + entry.compressedSize;
    if (end > data.length) return { ok: false, reason: 'not_zip' };
    let size: number;
    if (entry.method === 0) size = entry.compressedSize;
    else if (entry.method === 8) {
      try {
        // one byte more than declared is enough to know the declaration lies
        const out = await inflateRawAsync(data.subarray(begin, end), {
          maxOutputLength: entry.uncompressedSize + 1,
        });
        size = out.length;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'sizes_lie' : 'not_zip' };
      }
    } else return { ok: false, reason: 'unsupported' };
    if (size !== entry.uncompressedSize) return { ok: false, reason: 'sizes_lie' };
    inflated += size;
  }
  return { ok: true, entries: entries.length, inflatedBytes: inflated };
}

/** True when the archive is readable and within the limits (declared and real sizes). */
export async function zipWithinLimits(data: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<boolean> {
  return (await inspectZip(data, limits)).ok;
}
