/** Kinds of attachment a report accepts, told by their first bytes (never by the file name). */
export type AttachmentKind =
  | 'image/jpeg'
  | 'image/png'
  | 'image/gif'
  | 'image/webp'
  | 'video/mp4'
  | 'video/quicktime'
  | 'application/pdf'
  | 'application/zip-office';

export function sniffAttachment(data: Uint8Array): AttachmentKind | null {
  const b = (i: number) => data[i] ?? -1;
  const ascii = (start: number, text: string) => [...text].every((c, i) => b(start + i) === c.charCodeAt(0));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && ascii(1, 'PNG')) return 'image/png';
  if (ascii(0, 'GIF8')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftyp')) return ascii(8, 'qt  ') ? 'video/quicktime' : 'video/mp4';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return 'application/zip-office';
  return null;
}

/**
 * Bidirectional controls (U+202A–202E, U+2066–2069, marks U+200E/200F/061C) and other invisible
 * format characters (zero-width spaces and joiners, the BOM): a right-to-left override turns
 * "report‮fdp.exe" into "reportexe.pdf" on screen, so none is kept in a stored name.
 */
const INVISIBLE = /[\p{Cf}]/gu;

/** A safe file name to show and to offer on download: no path, no control or bidi characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC').replace(INVISIBLE, '')]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 || '"<>|:*?'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || 'tep-dinh-kem';
}

/** The extensions a stored file of each type may carry; the first is the one given when none fits. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
};

/**
 * The name a file is stored and offered under: `safeFileName`, its extension matched to the type
 * told by content — a GIF whose name says `.html` (a GIF/HTML polyglot) becomes `….gif`, so no
 * browser or desktop opens it as a page. An unknown type keeps no extension it could be run by.
 */
export function storedFileName(name: string, contentType: string): string {
  const safe = safeFileName(name);
  const allowed = EXTENSIONS[contentType];
  const match = /^(.*?)\.([A-Za-z0-9]{1,10})$/.exec(safe);
  const stem = match?.[1] ? match[1] : safe;
  const extension = match?.[2]?.toLowerCase();
  if (!allowed) return `${stem}.bin`;
  if (extension && allowed.includes(extension)) return safe;
  return `${stem.slice(0, 140)}.${allowed[0]}`;
}
