import type { FastifyReply } from 'fastify';

/**
 * The `Content-Disposition` of a download: the name in UTF-8 (`filename*`, RFC 6266 / 5987), which
 * browsers use, and an ASCII stand-in (`filename`: diacritics dropped, anything else outside
 * printable ASCII, quotes and backslashes as "_") for clients that do not. A header value may not
 * carry the raw Vietnamese name at all: Node refuses characters outside Latin-1.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a file as a download of the given type. */
export function sendFile(
  reply: FastifyReply,
  file: { data: Buffer; fileName: string },
  contentType: string,
): void {
  reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .send(file.data);
}
