/**
 * "Tổ chức thực hiện": one assignment per first-level item that names a unit — as the item's
 * heading ("1. Liên đoàn Lao động tỉnh"), before a colon ("- Sở Tài chính: bố trí…") or after
 * "Giao" ("Giao Sở Y tế chủ trì…").
 */
import type { TAssignment } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { firstSentence, type OutlineItem } from './build-outline.ts';

const UNIT_START =
  /^(?:cac\s)?(?:so|ban|phong|uy ban|ubnd|lien doan|ldld|cong doan|cd|van phong|bo|hoi|doan|tinh|trung tam|bao|dai|co quan|thuong truc|thanh|huyen|quan|xa|phuong|chi cuc|cuc|vien|truong|benh vien|cong an|quan su|mat tran|ngan hang|kho bac|hdnd|dang uy|chi bo|to chuc|doanh nghiep|don vi)\b/;
const VERB =
  /\s(?:chu tri|phoi hop|co trach nhiem|to chuc|xay dung|trien khai|huong dan|thuc hien|can cu|chi dao|theo doi|tham muu|bo tri|tang cuong|day manh|lam dau moi|tuyen truyen|kiem tra|dinh ky|chu dong|ban hanh|tong hop|phan bo|nghien cuu|quan tam)\b/;

function unitOf(item: OutlineItem): { unit: string; text: string } | null {
  const head = item.head.text.trim();
  const folded = foldChars(head);
  const words = head.split(/\s+/).length;
  const bodyText = item.body.map((p) => p.text).join(' ');
  // a short heading naming the unit
  if (
    words <= 40 &&
    !/[.;]\s*$/.test(head.replace(/\.$/, '')) &&
    !/[.;]/.test(head.slice(0, -1)) &&
    !VERB.test(` ${folded}`)
  ) {
    if (UNIT_START.test(folded) || words <= 12) {
      return { unit: head.replace(/[\s.:;]+$/, ''), text: firstSentence(bodyText || head) };
    }
  }
  const colon = head.indexOf(':');
  if (colon > 2 && colon < 160) {
    const unit = head.slice(0, colon).trim();
    if (UNIT_START.test(foldChars(unit)) && unit.split(/\s+/).length <= 25) {
      return { unit, text: firstSentence(head.slice(colon + 1).trim() || bodyText) };
    }
  }
  const giao = /^(?:giao(?: cho)?|de nghi)\s/.exec(folded);
  const from = giao ? giao[0].length : 0;
  if (giao || UNIT_START.test(folded)) {
    const verb = VERB.exec(folded.slice(from));
    if (verb && verb.index > 1 && verb.index < 200) {
      return { unit: head.slice(from, from + verb.index).replace(/[\s,]+$/, ''), text: firstSentence(head) };
    }
  }
  return null;
}

export function extractAssignments(items: readonly OutlineItem[]): TAssignment[] {
  const out: TAssignment[] = [];
  for (const item of items) {
    const a = unitOf(item);
    if (a && a.unit.length > 1) out.push(a);
  }
  return out;
}
