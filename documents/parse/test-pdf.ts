/**
 * Tests only: a PDF written by hand — `pages` pages of `width` × `height` points sharing one
 * content stream (a line of text, or nothing: a "scan" with no text layer) — so page floods and
 * poster-size pages cost a few kilobytes to make, as they do to an attacker.
 */
export function makePdf(options: { pages: number; text?: string; width?: number; height?: number }): Buffer {
  const { pages, text, width = 595, height = 842 } = options;
  const content = text ? `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET` : '';
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, k) => k + 5);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  objects[4] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  for (const id of pageIds) {
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] ` +
      '/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>';
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
