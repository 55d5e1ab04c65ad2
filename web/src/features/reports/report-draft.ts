import type { TCategory, TIssue, TReport, TValueInput } from '../../../../contracts/reporting.ts';
import { categoryKeysOf } from '../../../../domain/reporting/breakdowns.ts';
import { indicatorRulesOf, validateReport } from '../../../../domain/reporting/validate-report.ts';

/**
 * The entry form keeps what was typed as text (a half-typed "12," must survive a re-render and a
 * failed save); numbers are parsed only when saving or checking.
 */
export interface DraftCell {
  numerator: string;
  denominator: string;
  comment: string;
}

export interface DraftState {
  values: Record<string, DraftCell>;
  narrative: Record<string, string>;
}

export type ValuePart = 'numerator' | 'denominator';
export type FormIndicator = TReport['form']['indicators'][number];

export const EMPTY_CELL: DraftCell = { numerator: '', denominator: '', comment: '' };

export const cellKey = (indicatorId: number, category: TCategory): string => `${indicatorId}:${category}`;

/** `total` and the indicator's breakdown keys (`male`, `female`; `male|urban`, …). */
export function categoriesOf(indicator: Pick<FormIndicator, 'disaggregation'>): TCategory[] {
  return ['total', ...categoryKeysOf(indicator.disaggregation)];
}

/** The draft's cells of one indicator, by category (`total` and its breakdown's keys). */
export function cellsOf(
  draft: Pick<DraftState, 'values'>,
  indicator: Pick<FormIndicator, 'id' | 'disaggregation'>,
): Record<TCategory, DraftCell | undefined> {
  return Object.fromEntries(categoriesOf(indicator).map((c) => [c, draft.values[cellKey(indicator.id, c)]]));
}

const numberText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value).replace('.', ',');

export function draftFromReport(report: Pick<TReport, 'values' | 'narrative'>): DraftState {
  const values: Record<string, DraftCell> = {};
  for (const v of report.values) {
    values[cellKey(v.indicatorId, v.category)] = {
      numerator: numberText(v.numerator),
      denominator: numberText(v.denominator),
      comment: v.comment ?? '',
    };
  }
  return { values, narrative: { ...report.narrative } };
}

/**
 * Vietnamese number text to a number: "1.250" is one thousand two hundred and fifty, "12,5" is
 * twelve and a half; "12.5" (typed on an English keyboard) is also twelve and a half.
 * `undefined` when the text is not a number at all.
 */
export function parseNumber(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact === '') return null;
  let normal: string;
  if (compact.includes(',')) normal = compact.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(compact)) normal = compact.replace(/\./g, '');
  else normal = compact;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const value = Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const plainFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** `45 / 50` → "90,0%"; null when it cannot be computed. */
export function formatPercent(numerator: number | null | undefined, denominator: number | null | undefined) {
  if (numerator === null || numerator === undefined || !denominator) return null;
  return `${percentFormat.format((numerator / denominator) * 100)}%`;
}

export const formatValue = (value: number): string => plainFormat.format(value);

/** What the server stores: empty cells are left out, unreadable numbers are sent as empty. */
export function valuesToSave(draft: DraftState): TValueInput[] {
  const out: TValueInput[] = [];
  for (const [key, cell] of Object.entries(draft.values)) {
    const [id, category] = key.split(':') as [string, TCategory];
    const numerator = parseNumber(cell.numerator) ?? null;
    const denominator = parseNumber(cell.denominator) ?? null;
    const comment = cell.comment.trim() === '' ? null : cell.comment;
    if (numerator === null && denominator === null && comment === null) continue;
    out.push({ indicatorId: Number(id), category, numerator, denominator, comment });
  }
  return out.sort((a, b) => a.indicatorId - b.indicatorId || a.category.localeCompare(b.category));
}

export function narrativeToSave(draft: DraftState, sectionKeys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of sectionKeys) {
    const text = draft.narrative[key];
    if (text !== undefined && text !== '') out[key] = text;
  }
  return out;
}

/** A stable text of what would be saved, to tell whether anything changed. */
export function draftSignature(draft: DraftState, sectionKeys: readonly string[]): string {
  return JSON.stringify([valuesToSave(draft), narrativeToSave(draft, sectionKeys)]);
}

export const valueField = (indicatorId: number, category: TCategory, part: ValuePart): string =>
  `values.${indicatorId}.${category}.${part}`;
export const commentField = (indicatorId: number): string => `values.${indicatorId}.total.comment`;
export const narrativeField = (key: string): string => `narrative.${key}`;

/** The DOM id of the input an issue's field names ("values.12.total.numerator" → "rf-values-12-total-numerator"). */
export const inputIdOf = (field: string): string => `rf-${field.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;

export type IssueTarget =
  | { kind: 'value'; indicatorId: number; category: TCategory; part: ValuePart }
  | { kind: 'indicator'; indicatorId: number }
  | { kind: 'section'; key: string }
  | { kind: 'other' };

export function issueTarget(field: string): IssueTarget {
  const value = /^values\.(\d+)\.(total|male|female)\.(numerator|denominator)$/.exec(field);
  if (value)
    return {
      kind: 'value',
      indicatorId: Number(value[1]),
      category: value[2] as TCategory,
      part: value[3] as ValuePart,
    };
  const indicator = /^values\.(\d+)(\.|$)/.exec(field);
  if (indicator) return { kind: 'indicator', indicatorId: Number(indicator[1]) };
  const section = /^narrative\.([a-z][a-z0-9_]*)$/.exec(field);
  if (section?.[1]) return { kind: 'section', key: section[1] };
  return { kind: 'other' };
}

/** The field an issue belongs to on screen: a value's input, else its indicator card, else the section. */
export function issueInputId(field: string, report: Pick<TReport, 'form'>): string | null {
  const target = issueTarget(field);
  if (target.kind === 'value') {
    const indicator = report.form.indicators.find((i) => i.id === target.indicatorId);
    if (indicator?.kind === 'boolean')
      return inputIdOf(valueField(target.indicatorId, target.category, 'numerator'));
    return inputIdOf(field);
  }
  if (target.kind === 'indicator') return inputIdOf(valueField(target.indicatorId, 'total', 'numerator'));
  if (target.kind === 'section') return inputIdOf(field);
  return null;
}

/**
 * The same checks the server makes (shared pure code), run on what is typed so a phone with no
 * signal still says at once that 120 trained of 100 is wrong; plus "not a number" for stray text.
 */
export function checkDraft(
  draft: DraftState,
  report: Pick<TReport, 'form' | 'previousValues'>,
  numberMessage: string,
): TIssue[] {
  const issues: TIssue[] = [];
  for (const indicator of report.form.indicators) {
    for (const category of categoriesOf(indicator)) {
      const cell = draft.values[cellKey(indicator.id, category)];
      if (!cell) continue;
      for (const part of ['numerator', 'denominator'] as const) {
        if (parseNumber(cell[part]) === undefined)
          issues.push({
            field: valueField(indicator.id, category, part),
            message: numberMessage,
            severity: 'error',
          });
      }
    }
  }
  const values = valuesToSave(draft).map((v) => ({ ...v, category: v.category ?? 'total' }));
  const narrative = narrativeToSave(
    draft,
    report.form.sections.map((s) => s.key),
  );
  issues.push(
    ...validateReport(
      indicatorRulesOf(report.form),
      report.form.sections,
      values,
      narrative,
      report.previousValues,
      true,
    ),
  );
  return issues;
}

// ----- the copy kept on the device until the server has it ----------------------------------------

export interface StoredDraft {
  baseVersion: number;
  draft: DraftState;
  changedAt: string;
}

const storageKey = (reportId: number) => `tiendo.reportDraft.${reportId}`;

export function readStoredDraft(reportId: number): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(reportId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (
      typeof parsed.baseVersion !== 'number' ||
      typeof parsed.draft !== 'object' ||
      parsed.draft === null ||
      typeof parsed.draft.values !== 'object' ||
      typeof parsed.draft.narrative !== 'object'
    )
      return null;
    return parsed as StoredDraft;
  } catch {
    return null;
  }
}

export function writeStoredDraft(reportId: number, stored: StoredDraft): void {
  try {
    window.localStorage.setItem(storageKey(reportId), JSON.stringify(stored));
  } catch {
    // Private mode or a full disk: the text still lives in memory until it is saved.
  }
}

export function clearStoredDraft(reportId: number): void {
  try {
    window.localStorage.removeItem(storageKey(reportId));
  } catch {
    // Nothing to clear.
  }
}
