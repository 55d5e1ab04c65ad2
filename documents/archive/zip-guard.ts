/**
 * The one guard for every ZIP the product opens (DOCX to read, XLSX to import, office
 * attachments): it refuses an archive before a library inflates it, on the sizes declared in
 * the central directory and then on the real ones — each entry is inflated (off the main thread,
 * by zlib's thread pool) with its output capped at the size it declares, so a bomb that lies
 * about its sizes is caught after at most `maxInflatedBytes` of work. Encrypted entries, ZIP64
 * and compression methods other than stored/deflate (which no reader here supports) are refused.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createInflateRaw, inflateRaw } from 'node:zlib';

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

interface Eocd {
  count: number;
  size: number;
  offset: number;
}

/** The end-of-central-directory record in the last bytes of an archive (22 + a comment ≤ 65,535). */
function findEocd(tail: Buffer): Eocd | null | 'zip64' {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD) continue;
    const eocd = {
      count: tail.readUInt16LE(i + 10),
      size: tail.readUInt32LE(i + 12),
      offset: tail.readUInt32LE(i + 16),
    };
    if (eocd.count === 0xffff || eocd.offset === ZIP64_MARK || eocd.size === ZIP64_MARK) return 'zip64';
    return eocd;
  }
  return null;
}

/** The entries of a central directory (`cd` starts at its first record). */
function parseEntries(cd: Buffer, count: number): Entry[] | null | 'zip64' {
  const entries: Entry[] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > cd.length || cd.readUInt32LE(offset) !== CENTRAL) return null;
    const entry: Entry = {
      flags: cd.readUInt16LE(offset + 8),
      method: cd.readUInt16LE(offset + 10),
      compressedSize: cd.readUInt32LE(offset + 20),
      uncompressedSize: cd.readUInt32LE(offset + 24),
      localOffset: cd.readUInt32LE(offset + 42),
    };
    if (
      entry.compressedSize === ZIP64_MARK ||
      entry.uncompressedSize === ZIP64_MARK ||
      entry.localOffset === ZIP64_MARK
    )
      return 'zip64';
    entries.push(entry);
    offset += 46 + cd.readUInt16LE(offset + 28) + cd.readUInt16LE(offset + 30) + cd.readUInt16LE(offset + 32);
  }
  return entries;
}

const TAIL = 22 + 65_535;

function readCentralDirectory(data: Buffer): Entry[] | null | 'zip64' {
  if (data.length < 22) return null;
  const eocd = findEocd(data.subarray(Math.max(0, data.length - TAIL)));
  if (eocd === null || eocd === 'zip64') return eocd;
  if (eocd.offset > data.length) return null;
  return parseEntries(data.subarray(eocd.offset), eocd.count);
}

/**
 * Where the entries' bytes come from: a Buffer in memory, or a file on disk read piece by piece
 * (an uploaded attachment is never read whole to be checked).
 */
interface ZipSource {
  size: number;
  entries(maxEntries: number): Promise<Entry[] | null | 'zip64' | 'too_many_entries'>;
  read(offset: number, length: number): Promise<Buffer>;
  /** The entry's bytes inflated, stopping one byte past `cap`: the size, 'over' or 'bad'. */
  inflatedSize(begin: number, end: number, cap: number): Promise<number | 'over' | 'bad'>;
}

function bufferSource(data: Buffer): ZipSource {
  return {
    size: data.length,
    entries: async () => readCentralDirectory(data),
    read: async (offset, length) => data.subarray(offset, offset + length),
    inflatedSize: async (begin, end, cap) => {
      try {
        return (await inflateRawAsync(data.subarray(begin, end), { maxOutputLength: cap + 1 })).length;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'over' : 'bad';
      }
    },
  };
}

class Over extends Error {}

function fileSource(handle: FileHandle, size: number, stats?: { bytesRead: number }): ZipSource {
  const read = async (offset: number, length: number) => {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (stats) stats.bytesRead += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  return {
    size,
    read,
    entries: async (maxEntries) => {
      if (size < 22) return null;
      const tailStart = Math.max(0, size - TAIL);
      const eocd = findEocd(await read(tailStart, size - tailStart));
      if (eocd === null || eocd === 'zip64') return eocd;
      // the count is known before the directory is read
      if (eocd.count > maxEntries) return 'too_many_entries';
      if (eocd.offset + eocd.size > size) return null;
      return parseEntries(await read(eocd.offset, eocd.size), eocd.count);
    },
    inflatedSize: async (begin, end, cap) => {
      if (end <= begin) return 'bad';
      let inflated = 0;
      const count = new Writable({
        write(chunk: Buffer, _encoding, done) {
          inflated += chunk.length;
          done(inflated > cap ? new Over() : null);
        },
      });
      try {
        await pipeline(
          handle.createReadStream({
            start: begin,
            end: end - 1,
            autoClose: false,
            highWaterMark: 256 * 1024,
          }),
          createInflateRaw(),
          count,
        );
        if (stats) stats.bytesRead += end - begin;
        return inflated;
      } catch (error) {
        return error instanceof Over ? 'over' : 'bad';
      }
    },
  };
}

/** Entries and their declared expanded size, from the central directory alone (nothing inflated). */
export function summariseZip(data: Buffer): ZipSummary | null {
  const entries = readCentralDirectory(data);
  if (entries === null || entries === 'zip64') return null;
  return { entries: entries.length, uncompressedBytes: entries.reduce((s, e) => s + e.uncompressedSize, 0) };
}

/** Checks the declared and then the real inflated sizes of every entry against the limits. */
export function inspectZip(data: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipVerdict> {
  return inspectSource(bufferSource(data), limits);
}

/**
 * `inspectZip` of a file on disk, read in pieces: its last bytes, its central directory, each
 * entry's local header and (for deflated entries) its bytes streamed through zlib — never the
 * whole file at once. `stats` counts the bytes read (tests).
 */
export async function inspectZipFile(
  path: string,
  limits: ZipLimits = ZIP_LIMITS,
  stats?: { bytesRead: number },
): Promise<ZipVerdict> {
  const handle = await open(path, 'r');
  try {
    return await inspectSource(fileSource(handle, (await handle.stat()).size, stats), limits);
  } finally {
    await handle.close();
  }
}

async function inspectSource(source: ZipSource, limits: ZipLimits): Promise<ZipVerdict> {
  const entries = await source.entries(limits.maxEntries);
  if (entries === null) return { ok: false, reason: 'not_zip' };
  if (entries === 'zip64') return { ok: false, reason: 'unsupported' };
  if (entries === 'too_many_entries' || entries.length > limits.maxEntries)
    return { ok: false, reason: 'too_many_entries' };
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxInflatedBytes) return { ok: false, reason: 'too_large' };
  let inflated = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) return { ok: false, reason: 'unsupported' }; // encrypted
    const local = await source.read(entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return { ok: false, reason: 'not_zip' };
    const begin = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const end = begin + entry.compressedSize;
    if (end > source.size) return { ok: false, reason: 'not_zip' };
    let size: number;
    if (entry.method === 0) size = entry.compressedSize;
    else if (entry.method === 8) {
      // one byte more than declared is enough to know the declaration lies
      const out = await source.inflatedSize(begin, end, entry.uncompressedSize);
      if (out === 'over') return { ok: false, reason: 'sizes_lie' };
      if (out === 'bad') return { ok: false, reason: 'not_zip' };
      size = out;
    } else return { ok: false, reason: 'unsupported' };
    if (size !== entry.uncompressedSize) return { ok: false, reason: 'sizes_lie' };
    inflated += size;
  }
  return { ok: true, entries: entries.length, inflatedBytes: inflated };
}

/**
 * True when the archive is readable and within the limits (declared and real sizes): a Buffer, or
 * the path of a file on disk (read in pieces).
 */
export async function zipWithinLimits(
  data: Buffer | string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<boolean> {
  return (await (typeof data === 'string' ? inspectZipFile(data, limits) : inspectZip(data, limits))).ok;
}
