/**
 * When the header lost the issuing body (a flattened or cropped first page), the body text
 * names it: "…, Công đoàn ngành Y tế xây dựng kế hoạch thực hiện như sau:" and, in full, in the
 * closing "Ban Thường vụ Công đoàn ngành Y tế Thái Bình đề nghị…".
 */

import { foldChars } from '../../domain/fold-text.ts';
import { provinceLevelName } from './issuer-names.ts';

const ORGANS = /^(?:ban thuong vu|ban thuong truc|ban chap hanh|thuong truc|doan chu tich|btv|bch)\s+/;

function subjectBefore(text: string, verbAt: number): string | null {
  const before = text.slice(0, verbAt);
  const cut = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf('.'),
    before.lastIndexOf(';'),
    before.lastIndexOf(':'),
  );
  let subject = before.slice(cut + 1).trim();
  const folded = foldChars(subject);
  const organ = ORGANS.exec(folded);
  if (organ) subject = subject.slice(organ[0].length).trim();
  const words = subject.split(/\s+/).length;
  if (words < 2 || words > 14 || !/^\p{Lu}/u.test(subject)) return null;
  return subject;
}

/** The issuer the body text names, qualified by `place` when it ends with "tỉnh". */
export function inferIssuerFromBody(
  lead: readonly string[],
  closing: readonly string[],
  place: string | null,
): string | null {
  let fromLead: string | null = null;
  for (const text of lead) {
    const m = /\s(?:xay dung|ban hanh|trien khai)\s(?:ke hoach|chuong trinh|huong dan|van ban|quy che)/.exec(
      foldChars(text),
    );
    if (m) {
      fromLead = subjectBefore(text, m.index);
      if (fromLead) break;
    }
  }
  // "Từ tình hình trên, Bộ Chính trị yêu cầu …": the body that asks, in the opening clauses
  if (!fromLead) {
    for (const text of lead) {
      const m = /\s(?:yeu cau|quyet dinh|quyet nghi|chi thi)\s/.exec(foldChars(text));
      if (m) {
        fromLead = subjectBefore(text, m.index);
        if (fromLead) break;
      }
    }
  }
  let fromClosing: string | null = null;
  for (const text of closing) {
    const m = /\s(?:de nghi|yeu cau|tran trong de nghi)\s/.exec(foldChars(text));
    if (m) {
      fromClosing = subjectBefore(text, m.index);
      if (fromClosing) break;
    }
  }
  let issuer = fromLead ?? fromClosing;
  if (fromLead && fromClosing && foldChars(fromClosing).startsWith(foldChars(fromLead))) issuer = fromClosing;
  if (issuer && place && /\s(?:tỉnh|thành phố|tinh)$/iu.test(issuer)) {
    issuer = `${issuer.replace(/\s(?:tỉnh|thành phố|tinh)$/iu, '')} ${provinceLevelName(place)}`;
  }
  return issuer;
}
