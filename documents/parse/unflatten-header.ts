/**
 * Header lines flattened together by a copy from the web or a PDF ("Số: 435/QĐ-UBND Kon Tum,
 * ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH …") are given back their lines: the number,
 * the place-and-date line, the type name with its subject. A page title repeated in front of
 * lines ("Quyết định 435/QĐ-UBND năm 2020. Điều 1.") is page chrome and is removed.
 */
import { foldChars } from '../../domain/fold-text.ts';

const DATE_IN_LINE =
  /ng[a-z]y\s*(?:\d{1,2}|[.…_ ]+)\s*th[a-z]ng\s*(?:\d{1,2}|[.…_ ]+)\s*n[a-z]m\s*(?:(?:19|20)\d{2}|[.…_ ]+)/;
const TYPE_AFTER =
  /^\s*(?:QUYẾT ĐỊNH|KẾ HOẠCH|CHƯƠNG TRÌNH|CHỈ THỊ|NGHỊ QUYẾT|THÔNG BÁO|HƯỚNG DẪN|BÁO CÁO|TỜ TRÌNH|CÔNG VĂN|CÔNG ĐIỆN|KẾT LUẬN|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN)\b/u;
const PAGE_TITLE = /^((?:\p{Lu}\p{Ll}+\s){1,3}\d{1,5}[/-][\p{L}\d/-]+\snăm\s(?:19|20)\d{2}\.\s)/u;

function dropRepeatedPageTitle(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const m = PAGE_TITLE.exec(l);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  const repeated = [...counts].filter(([, n]) => n >= 2).map(([p]) => p);
  if (repeated.length === 0) return [...lines];
  return lines.map((l) => {
    for (const p of repeated) if (l.startsWith(p)) return l.slice(p.length);
    return l;
  });
}

/** Splits one header line into the lines it flattened, or returns it alone. */
export function splitHeaderLine(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  // "… Số: 12/KH-X": the number starts a line of its own
  const so = /\sSố\s?:\s?\d/u.exec(rest);
  if (so && so.index > 0) {
    out.push(rest.slice(0, so.index).trim());
    rest = rest.slice(so.index + 1);
  }
  const folded = foldChars(rest);
  const date = DATE_IN_LINE.exec(folded);
  if (date) {
    const end = date.index + date[0].length;
    const after = rest.slice(end).replace(/^[\s.]+/, '');
    if (after.length > 0 && (TYPE_AFTER.test(after) || /^V\/[Vv]\s/u.test(after))) {
      // the place starts after the number ("Số: 435/QĐ-UBND Kon Tum, ngày …")
      const before = rest.slice(0, date.index);
      const sym = /^(Số\s?:\s?\S+)\s+(.+)$/u.exec(before.trim());
      if (sym) out.push(sym[1]!, `${sym[2]!} ${rest.slice(date.index, end)}`.trim());
      else out.push(rest.slice(0, end).trim());
      rest = after;
      // the type name on its own line, the subject after it
      const type = TYPE_AFTER.exec(rest);
      if (type) {
        out.push(type[0].trim());
        rest = rest.slice(type[0].length).trim();
      }
    }
  }
  if (rest.length > 0) out.push(rest);
  return out.filter((l) => l.length > 0);
}

/** The lines with the header's first lines unflattened and a repeated page title removed. */
export function unflattenHeader(lines: readonly string[]): string[] {
  const clean = dropRepeatedPageTitle(lines);
  const out: string[] = [];
  clean.forEach((line, i) => {
    if (i < 20 && line.length < 2000) out.push(...splitHeaderLine(line));
    else out.push(line);
  });
  return out;
}
