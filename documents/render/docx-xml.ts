/**
 * Reading a DOCX back for tests: its parts (a minimal zip reader, stored or deflated entries) and
 * the visible text of a WordprocessingML part. No library: tests must see what Word would open.
 */
import { inflateRawSync } from 'node:zlib';

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  for (let k = 0; k < count; k++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Visible text of a WordprocessingML part, one paragraph a line (a line break inside it: "\n"). */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]))
      .join(''),
  );
}

/** The paragraphs of a DOCX file's main part. */
export function docxParagraphs(docx: Buffer): string[] {
  const xml = unzip(docx).get('word/document.xml');
  if (!xml) throw new Error('not a DOCX: word/document.xml is missing');
  return paragraphsOf(xml.toString('utf8'));
}
