/**
 * DOCX → text through mammoth's HTML: paragraphs one a line, Word list numbering written out
 * ("1. ", "a) ", "- "), table cells one after another (headers and signature blocks are
 * two-column tables), so the text reader sees what a reader of the page sees.
 */
import mammoth from 'mammoth';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const LETTERS = 'abcdefghiklmnopqrstuvxy';

/** Flattens mammoth's HTML into lines. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  const lists: { ordered: boolean; count: number }[] = [];
  const breakLine = (blank = false): void => {
    if (line.trim().length > 0) out.push(line.trim());
    if (blank && out.at(-1) !== '') out.push('');
    line = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      line += decodeEntities(m[3]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'ol' || tag === 'ul') {
      breakLine();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', count: 0 });
    } else if (tag === 'li') {
      breakLine();
      if (!closing) {
        const list = lists.at(-1);
        if (list) {
          list.count++;
          const depth = lists.length;
          if (!list.ordered || depth > 2) line = '- ';
          else if (depth === 2) line = `${LETTERS[(list.count - 1) % LETTERS.length]}) `;
          else line = `${list.count}. `;
        }
      }
    } else if (tag === 'p' || /^h[1-6]$/.test(tag)) {
      breakLine(closing);
    } else if (tag === 'br' || tag === 'tr' || tag === 'td' || tag === 'th' || tag === 'table') {
      breakLine(tag === 'table' || tag === 'td');
    }
  }
  breakLine();
  return out.join('\n');
}

export async function readDocx(buffer: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml({ buffer });
  return htmlToText(result.value);
}
