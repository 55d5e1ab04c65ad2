/**
 * What the plan renderer takes: one plan-extract/v1 document plus the prose a stored plan may
 * carry (supervising body, opening paragraph, purposes, funding, free sections). `fromExtract`
 * turns any extract — a gold file, a parse result — into one, writing only what the extract
 * holds: the opening names the documents the plan implements, nothing else is made up.
 */
import {
  type TExtractedDocument,
  type TPlanExtract,
  type TReference,
  ZPlanExtract,
} from '../../contracts/plan-extract.ts';

export interface PlanSection {
  /** upper-case heading without its number ("KINH PHÍ THỰC HIỆN"); the renderer numbers it */
  heading: string;
  paragraphs: string[];
}

/** Header style: state and union documents (Decree 30) or Party documents (HD 36-HD/VPTW). */
export type PlanLayout = 'state' | 'party';

export interface PlanForRender extends TExtractedDocument {
  /** cơ quan chủ quản, printed above the issuing body ("TỔNG LĐLĐ VIỆT NAM") */
  supervisingBody?: string | null;
  /** the opening paragraph ("Thực hiện Kế hoạch số …") */
  preamble?: string | null;
  /** mục đích, yêu cầu */
  purposes?: string[];
  /** kinh phí thực hiện */
  fundingText?: string | null;
  /** further numbered sections, after the tasks */
  sections?: PlanSection[];
  /** unnumbered paragraphs after the last section, before the signature */
  closing?: string[];
  /** default: inferred from the issuer and the symbol */
  layout?: PlanLayout;
  /**
   * A draft not yet numbered: "DỰ THẢO" above the header, "Số:      /KH-CĐ" (the issuer's own
   * symbol suffix) and a date line with the year only, for the number and day to be written in.
   */
  draft?: { symbolSuffix: string; year: number } | null;
}

// Decree 30/2020 type codes (and the Party's), as the names written in running text
const TYPE_NAMES: Record<string, string> = {
  KH: 'Kế hoạch',
  CV: 'Công văn',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  CTr: 'Chương trình',
  HD: 'Hướng dẫn',
  BC: 'Báo cáo',
  TB: 'Thông báo',
  TTr: 'Tờ trình',
  KL: 'Kết luận',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  ĐA: 'Đề án',
  PA: 'Phương án',
  DA: 'Dự án',
  BB: 'Biên bản',
  TC: 'Thông cáo',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  TTLT: 'Thông tư liên tịch',
  CĐ: 'Công điện',
  GM: 'Giấy mời',
  Luật: 'Luật',
};

/** "Kế hoạch" for KH; null for an unknown code. */
export function typeName(kind: string | null): string | null {
  return kind ? (TYPE_NAMES[kind] ?? null) : null;
}

const PARTY_ISSUER =
  /(?:^|\s)(?:tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|đảng ủy|đảng uỷ|đảng bộ|chi bộ|bộ chính trị|ban bí thư|trung ương đảng|ban chấp hành trung ương)(?=\s|$)/iu;
const PARTY_SYMBOL = /^\d+[a-zđ]?-[\p{L}]+\/[\p{L}\d]+$/u;

/** Party documents take "ĐẢNG CỘNG SẢN VIỆT NAM" and "T/M"; an explicit `layout` wins. */
export function layoutOf(doc: PlanForRender): PlanLayout {
  if (doc.layout) return doc.layout;
  if (doc.issuer) return PARTY_ISSUER.test(doc.issuer) ? 'party' : 'state';
  return doc.symbol && PARTY_SYMBOL.test(doc.symbol.replace(/\s+/g, '')) ? 'party' : 'state';
}

const pad = (n: number | string): string => String(n).padStart(2, '0');

/** "2021-08-23" → "23/08/2021". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "Kế hoạch số 134/KH-LĐLĐ ngày 23/08/2021 của Liên đoàn Lao động tỉnh Thái Bình". */
export function describeReference(ref: TReference): string {
  const name = typeName(ref.kind) ?? 'Văn bản';
  const date = ref.date ? ` ngày ${formatDate(ref.date)}` : '';
  const issuer = ref.issuer ? ` của ${ref.issuer}` : '';
  return `${name} số ${ref.symbol}${date}${issuer}`;
}

/** The opening paragraph from the documents the plan implements (null when there are none). */
export function preambleFromReferences(doc: TExtractedDocument): string | null {
  const basis = doc.references.filter((r) => r.relation === 'basis');
  if (basis.length === 0) return null;
  const refs = basis.map(describeReference).join('; ');
  if (!doc.issuer) return `Thực hiện ${refs}.`;
  const type = typeName(doc.kind);
  if (doc.kind === 'CV' || !type) return `Thực hiện ${refs}, ${doc.issuer} có ý kiến như sau:`;
  if (doc.kind === 'KH') return `Thực hiện ${refs}, ${doc.issuer} xây dựng Kế hoạch thực hiện như sau:`;
  return `Thực hiện ${refs}, ${doc.issuer} ban hành ${type} như sau:`;
}

/** A plan-extract document as a renderable plan: the same fields, the opening rebuilt. */
export function fromExtract(doc: TExtractedDocument): PlanForRender {
  const cited = doc.references.filter((r) => r.relation === 'cited');
  return {
    ...doc,
    preamble: preambleFromReferences(doc),
    closing: cited.length > 0 ? [`Văn bản liên quan: ${cited.map(describeReference).join('; ')}.`] : [],
  };
}

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function dropOptional(list: unknown): unknown[] {
  return Array.isArray(list) ? list.filter((item) => !(isRecord(item) && item.optional === true)) : [];
}

/**
 * Reads a plan-extract/v1 file, also a hand-made gold file: where gold lists accepted
 * alternatives (a string list in place of a string) the first is taken, items marked
 * `"optional": true` are left out and fields gold leaves out (task `lead`, assignment `text`)
 * are filled with null or "".
 */
export function readPlanExtract(raw: unknown): TPlanExtract {
  if (!isRecord(raw) || !Array.isArray(raw.documents)) return ZPlanExtract.parse(raw);
  const documents = raw.documents.map((d: unknown) => {
    if (!isRecord(d)) return d;
    const signer = isRecord(d.signer)
      ? {
          authority: first(d.signer.authority) ?? null,
          on_behalf_of: first(d.signer.on_behalf_of) ?? null,
          title: first(d.signer.title) ?? null,
          name: first(d.signer.name) ?? null,
        }
      : (d.signer ?? null);
    return {
      ...d,
      kind: first(d.kind) ?? null,
      symbol: first(d.symbol) ?? null,
      issuer: first(d.issuer) ?? null,
      place: first(d.place) ?? null,
      date: first(d.date) ?? null,
      title: first(d.title) ?? null,
      addressees: dropOptional(d.addressees).map(first),
      signer,
      references: dropOptional(d.references).map((r) =>
        isRecord(r)
          ? { ...r, symbol: first(r.symbol), issuer: first(r.issuer) ?? null, date: first(r.date) ?? null }
          : r,
      ),
      targets: dropOptional(d.targets).map((t) =>
        isRecord(t) ? { ...t, text: first(t.text), milestones: dropOptional(t.milestones) } : t,
      ),
      tasks: dropOptional(d.tasks).map((t) =>
        isRecord(t)
          ? { ...t, text: first(t.text), deadline: first(t.deadline) ?? null, lead: first(t.lead) ?? null }
          : t,
      ),
      assignments: dropOptional(d.assignments).map((a) =>
        isRecord(a) ? { ...a, unit: first(a.unit), text: first(a.text) ?? '' } : a,
      ),
      reporting: dropOptional(d.reporting).map((r) =>
        isRecord(r) ? { ...r, due: first(r.due) ?? null, to: first(r.to) ?? null } : r,
      ),
      recipients: dropOptional(d.recipients).map(first),
      events: dropOptional(d.events).map((e) =>
        isRecord(e) ? { ...e, name: first(e.name), start: e.start ?? null, end: e.end ?? null } : e,
      ),
    };
  });
  return ZPlanExtract.parse({ ...raw, documents });
}

/** "10 tháng 5 năm 2024" with Decree 30's zero before days below 10 and months 1 and 2. */
export function headerDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? pad(d) : String(d);
  const month = m <= 2 ? pad(m) : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}
