/**
 * "Tổ chức thực hiện": one assignment per first-level item that names a unit — as the item's
 * heading ("1. Liên đoàn Lao động tỉnh"), before a colon ("- Sở Tài chính: bố trí…") or after
 * "Giao" ("Giao Sở Y tế chủ trì…").
 */
import type { TAssignment } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { firstSentence, type OutlineItem } from './build-outline.ts';

const UNIT_START =
  /^(?:cac\s)?(?:so|ban|phong|uy ban|ubnd|lien doan|ldld|cong doan|cd|van phong|bo|hoi|doan|tinh|trung tam|bao|dai|co quan|thuong truc|thanh|huyen|quan|xa|phuong|chi cuc|cuc|vien|truong|benh vien|cong an|quan su|mat tran|ngan hang|kho bac|hdnd|dang uy|chi bo|to chuc|doanh nghiep|don vi|chinh phu|chinh quyen|toa an|vien kiem sat|kiem toan|thu truong|giam doc|chu tich|pho chu tich|bi thu|lanh dao|cac dong chi|dong chi|can bo|chuyen vien|ban chap hanh|ban thuong vu|ban giam hieu|hieu truong|to)\b/;
const VERB =
  /\s(?:chu tri|phoi hop|co trach nhiem|to chuc|xay dung|trien khai|huong dan|thuc hien|can cu|chi dao|theo doi|tham muu|bo tri|tang cuong|day manh|lam dau moi|tuyen truyen|kiem tra|dinh ky|chu dong|ban hanh|tong hop|phan bo|nghien cuu|quan tam|giam sat|van dong|dong vien|ho tro|bao dam|dam bao|ra soat|de xuat|bao cao|phat dong|tiep tuc|cung cap|huy dong|tap trung|nghiem tuc)\b/;

/**
 * The first verb that ends the unit's name (searched in the source, to see capitals). "Tổ chức" is a verb ("tổ chức hội nghị") and a noun
 * ("các tổ chức chính trị - xã hội", "Mặt trận … và các tổ chức thành viên"): after "các"/"những"
 * or before a noun of organisations it names bodies, so the unit goes on.
 */
function verbAfterUnit(source: string): RegExpExecArray | null {
  const folded = foldChars(source);
  const re = new RegExp(VERB.source, 'g');
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    // a capitalised "verb" is part of a proper name: "Bộ Xây dựng", "Sở Tư pháp"
    const first = source[m.index + 1] ?? '';
    if (m.index > 0 && first !== first.toLowerCase()) continue;
    if (m[0].trim() !== 'to chuc') return m;
    const before = folded.slice(0, m.index);
    const after = folded.slice(m.index + m[0].length);
    if (/(?:^|\s)(?:cac|nhung|moi)$/.test(before)) continue;
    if (
      /^\s(?:chinh tri|thanh vien|xa hoi|doan the|cong doan|quoc te|hoi|phi chinh phu|kinh te|tin dung)\b/.test(
        after,
      )
    )
      continue;
    return m;
  }
  return null;
}

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
    // "Sở Tài chính: thẩm định dự toán" names its unit before the colon (read below)
    !/:\s*\S/.test(head) &&
    !verbAfterUnit(` ${head}`)
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
    const verb = verbAfterUnit(head.slice(from));
    if (verb && verb.index > 1 && verb.index < 200) {
      return { unit: head.slice(from, from + verb.index).replace(/[\s,]+$/, ''), text: firstSentence(head) };
    }
  }
  return null;
}

/**
 * An item that opens on a unit and the verb of what it must do ("Bộ Công an tiếp tục chủ động phối
 * hợp …", "Đồng chí Bộ trưởng Bộ Y tế … chỉ đạo …"): how a conclusion notice or a directive gives
 * each body its task.
 */
export function headedByUnit(head: string): boolean {
  if (!UNIT_START.test(foldChars(head.trim()))) return false;
  const verb = verbAfterUnit(head.trim());
  return verb !== null && verb.index > 1 && verb.index < 200;
}

/**
 * "Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo: 1. Tổ chức chỉ đạo …", "Điều 3. Giao Sở Y tế chủ
 * trì …": a decision assigns by an article that opens on "Giao" (Decree 30's decisions). The unit
 * is what follows "Giao" up to the verb, or the whole short line when the tasks are its items.
 */
export function assignmentOfArticle(head: string, body: readonly string[]): TAssignment | null {
  const m = /^giao(?: cho)?\s+/.exec(foldChars(head));
  if (!m) return null;
  const rest = head.slice(m[0].length).trim();
  const verb = verbAfterUnit(` ${rest}`);
  const unit = (verb ? rest.slice(0, Math.max(0, verb.index - 1)) : rest).replace(/[\s,:.;]+$/, '');
  if (unit.length < 3 || unit.split(/\s+/).length > 20 || !UNIT_START.test(foldChars(unit))) return null;
  return { unit, text: firstSentence(verb ? rest.slice(verb.index).trim() : body.join(' ') || rest) };
}

export function extractAssignments(items: readonly OutlineItem[]): TAssignment[] {
  const out: TAssignment[] = [];
  for (const item of items) {
    const a = unitOf(item);
    if (a && a.unit.length > 1) out.push(a);
  }
  return out;
}
