/**
 * How far each extracted field can be trusted, and why not: the review screen shows the
 * uncertain fields first with their reason ("Không tìm thấy khối ký", "Trích yếu có thể bị ngắt
 * dòng"). Each check is a rule of the genre (Decree 30/2020 layout: what every document carries
 * and how its parts are written), applied to what was read — never to a particular document.
 */
import type { TExtractedDocument } from '../../contracts/plan-extract.ts';
import { lacksDiacritics } from '../diacritics/diacritics.ts';

export type TCheckReason =
  | 'missing_issuer'
  | 'issuer_odd'
  | 'missing_symbol'
  | 'symbol_odd'
  | 'symbol_blank_number'
  | 'missing_date'
  | 'date_odd'
  | 'missing_place'
  | 'missing_title'
  | 'title_cut'
  | 'title_long'
  | 'missing_signer'
  | 'signer_without_name'
  | 'missing_recipients'
  | 'plan_without_tasks'
  | 'target_without_year'
  | 'text_without_diacritics';

export interface TFieldCheck {
  /** the field of plan-extract/v1 it concerns (`issuer`, `signer`, `tasks`…) */
  field: string;
  /** 0…1: how sure the reader is of the field */
  confidence: number;
  reason: TCheckReason;
}

// a Decree 30 symbol: number, optional year, then the type and issuer codes ("72/KH-LĐLĐ",
// "28-CT/TW", "02/2025/NQ-HĐND")
const SYMBOL_FORM = /^\d{1,6}[a-zđ]?(?:\/\d{4})?[/-][\p{Lu}Đ][\p{L}\d&.]*(?:[/-][\p{L}\d&.]+){0,4}$/u;
const BLANK_NUMBER = /^[/-]?[\p{Lu}Đ][\p{L}\d&.]*(?:[/-][\p{L}\d&.]+){0,4}$/u;
// words a subject line does not end on: it was cut at a line break
const DANGLING = /\s(?:của|về|và|với|cho|tại|trong|thực hiện|theo|đối với|các|những|năm|ngày|số)$/iu;
const PLAN_KINDS = new Set(['KH', 'CTr', 'QĐ', 'CT', 'NQ', 'HD', 'ĐA']);

/** The checks of one extracted document; `text` is what was read. */
export function assessExtraction(
  doc: TExtractedDocument,
  text: string,
  options: { today?: string } = {},
): TFieldCheck[] {
  const checks: TFieldCheck[] = [];
  const add = (field: string, confidence: number, reason: TCheckReason): void => {
    checks.push({ field, confidence, reason });
  };

  if (!doc.issuer) add('issuer', 0.2, 'missing_issuer');
  else if (/\d|[^\p{L}\s,.()&-]/u.test(doc.issuer) || doc.issuer.length > 120)
    add('issuer', 0.4, 'issuer_odd');

  if (!doc.symbol) add('symbol', 0.3, 'missing_symbol');
  else if (BLANK_NUMBER.test(doc.symbol)) add('symbol', 0.6, 'symbol_blank_number');
  else if (!SYMBOL_FORM.test(doc.symbol)) add('symbol', 0.4, 'symbol_odd');

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!doc.date) add('date', 0.3, 'missing_date');
  else if (doc.date > today || doc.date < '1945-09-02') add('date', 0.4, 'date_odd');
  if (!doc.place && doc.date) add('place', 0.5, 'missing_place');

  if (!doc.title) add('title', 0.3, 'missing_title');
  else if (doc.title.length > 400) add('title', 0.5, 'title_long');
  else if (DANGLING.test(doc.title.trim())) add('title', 0.5, 'title_cut');

  if (!doc.signer) add('signer', 0.4, 'missing_signer');
  else if (!doc.signer.name) add('signer', 0.5, 'signer_without_name');
  if (doc.recipients.length === 0 && doc.kind !== 'NQ') add('recipients', 0.6, 'missing_recipients');

  if (doc.kind && PLAN_KINDS.has(doc.kind) && doc.tasks.length === 0) add('tasks', 0.4, 'plan_without_tasks');
  if (doc.targets.some((t) => t.milestones.some((m) => m.year === null && !m.recurrence)))
    add('targets', 0.5, 'target_without_year');

  if (lacksDiacritics(text)) add('text', 0.5, 'text_without_diacritics');

  return checks.sort((a, b) => a.confidence - b.confidence || a.field.localeCompare(b.field));
}

/** Checks of every document of a reading, in the order of its documents. */
export function assessReading(
  documents: readonly TExtractedDocument[],
  text: string,
  options: { today?: string } = {},
): TFieldCheck[][] {
  return documents.map((d) => assessExtraction(d, text, options));
}
