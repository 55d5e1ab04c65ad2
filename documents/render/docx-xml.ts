/**
 * Reading a DOCX back for tests: its parts (a minimal zip reader, stored or deflated entries) and
 * the visible text of a WordprocessingML part. No library: tests must see what Word would open.
 */
import { inflateRawSync } from 'node:zlib';
import { formatNumber } from '../parse/docx-numbering.ts';

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

/**
 * The numbers Word shows before numbered paragraphs (level 0, "%1.", in its numbering format), read
 * from numbering.xml: each `w:num` counts on its own, as a restarted list does in Word.
 */
function listNumberer(numberingXml: string | undefined): (numId: string) => string {
  const formats = new Map<string, { format: string; text: string }>();
  for (const m of (numberingXml ?? '').matchAll(
    /<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[\s\S]*?<\/w:abstractNum>/g,
  )) {
    const level0 = /<w:lvl\b[^>]*w:ilvl="0"[\s\S]*?<\/w:lvl>/.exec(m[0])?.[0] ?? '';
    formats.set(m[1]!, {
      format: /<w:numFmt w:val="(\w+)"/.exec(level0)?.[1] ?? 'decimal',
      text: /<w:lvlText w:val="([^"]*)"/.exec(level0)?.[1] ?? '%1.',
    });
  }
  const abstractOf = new Map<string, string>();
  for (const m of (numberingXml ?? '').matchAll(
    /<w:num\b[^>]*w:numId="(\d+)"[^>]*>[\s\S]*?<w:abstractNumId w:val="(\d+)"/g,
  )) {
    abstractOf.set(m[1]!, m[2]!);
  }
  const counts = new Map<string, number>();
  return (numId) => {
    const level = formats.get(abstractOf.get(numId) ?? '');
    if (!level) return '';
    const n = (counts.get(numId) ?? 0) + 1;
    counts.set(numId, n);
    return `${level.text.replace('%1', formatNumber(n, level.format))} `;
  };
}

/**
 * Visible text of a WordprocessingML part, one paragraph a line (a line break inside it: "\n"); with
 * the file's numbering.xml, numbered paragraphs start with the number Word shows ("II. ", "3. ").
 */
export function paragraphsOf(xml: string, numberingXml?: string): string[] {
  const numberOf = listNumberer(numberingXml);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => {
    const numId = /<w:numPr>[\s\S]*?<w:numId w:val="(\d+)"/.exec(p[0])?.[1];
    const text = [...p[0].matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]))
      .join('');
    return numId ? `${numberOf(numId)}${text}` : text;
  });
}

/** The paragraphs of a DOCX file's main part, with their list numbers. */
export function docxParagraphs(docx: Buffer): string[] {
  const files = unzip(docx);
  const xml = files.get('word/document.xml');
  if (!xml) throw new Error('not a DOCX: word/document.xml is missing');
  return paragraphsOf(xml.toString('utf8'), files.get('word/numbering.xml')?.toString('utf8'));
}
