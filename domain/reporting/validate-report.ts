import type { TCategory, TIssue, TValueInput } from '../../contracts/reporting.ts';
import { checkBreakdown, TOTAL_KEY } from './breakdowns.ts';

export interface IndicatorRule {
  id: number;
  code: string;
  name: string;
  kind: 'ratio' | 'count' | 'sum' | 'boolean';
  /** `none`, `sex`, `sex+area`…: domain/reporting/breakdowns.ts. */
  disaggregation: string;
  required: boolean;
}

export interface SectionRule {
  key: string;
  title: string;
  required: boolean;
}

/** The rules a form sets for its indicators (the form as server and web both hold it). */
export function indicatorRulesOf(form: { indicators: readonly IndicatorRule[] }): IndicatorRule[] {
  return form.indicators.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    kind: i.kind,
    disaggregation: i.disaggregation,
    required: i.required,
  }));
}

type Value = TValueInput & { category: TCategory };

const fieldOf = (indicatorId: number, category: TCategory, part: 'numerator' | 'denominator') =>
  `values.${indicatorId}.${category}.${part}`;

/** Values beyond this relative change from the last period get a warning (not an error). */
export const IMPLAUSIBLE_CHANGE = 0.5;

/**
 * Checks a report against its form. Errors block submission; warnings (an implausible move
 * from the last period) are shown but allowed. Every issue names its field.
 * `forSubmit` adds the required-field checks (a draft may be incomplete).
 */
export function validateReport(
  indicators: IndicatorRule[],
  sections: SectionRule[],
  values: Value[],
  narrative: Record<string, string>,
  previous: Value[],
  forSubmit: boolean,
): TIssue[] {
  const issues: TIssue[] = [];
  const byKey = new Map(values.map((v) => [`${v.indicatorId}:${v.category}`, v]));
  const known = new Map(indicators.map((i) => [i.id, i]));
  for (const value of values) {
    const indicator = known.get(value.indicatorId);
    if (!indicator) {
      issues.push({
        field: `values.${value.indicatorId}`,
        message: 'Chỉ tiêu không có trong biểu mẫu.',
        severity: 'error',
      });
      continue;
    }
    const n = value.numerator;
    const d = value.denominator;
    const wholeKinds =
      indicator.kind === 'count' || indicator.kind === 'ratio' || indicator.kind === 'boolean';
    const checkNumber = (x: number | null, part: 'numerator' | 'denominator', label: string) => {
      if (x === null) return;
      if (x < 0)
        issues.push({
          field: fieldOf(value.indicatorId, value.category, part),
          message: `${label} không được âm.`,
          severity: 'error',
        });
      else if (wholeKinds && !Number.isInteger(x)) {
        issues.push({
          field: fieldOf(value.indicatorId, value.category, part),
          message: `${label} phải là số nguyên.`,
          severity: 'error',
        });
      }
    };
    checkNumber(n, 'numerator', indicator.kind === 'ratio' ? 'Tử số' : 'Giá trị');
    if (indicator.kind === 'ratio') {
      checkNumber(d, 'denominator', 'Mẫu số');
      if (n !== null && d !== null && n >= 0 && d >= 0 && n > d) {
        issues.push({
          field: fieldOf(value.indicatorId, value.category, 'numerator'),
          message: `Tử số (${n}) lớn hơn mẫu số (${d}).`,
          severity: 'error',
        });
      }
      if (n !== null && d === null) {
        issues.push({
          field: fieldOf(value.indicatorId, value.category, 'denominator'),
          message: 'Thiếu mẫu số.',
          severity: 'error',
        });
      }
    }
    if (indicator.kind === 'boolean' && n !== null && n !== 0 && n !== 1) {
      issues.push({
        field: fieldOf(value.indicatorId, value.category, 'numerator'),
        message: 'Chỉ nhận Có (1) hoặc Không (0).',
        severity: 'error',
      });
    }
  }
  for (const indicator of indicators) {
    const parts = values.filter((v) => v.indicatorId === indicator.id && v.category !== TOTAL_KEY);
    for (const problem of checkBreakdown(
      indicator.name,
      indicator.disaggregation,
      indicator.kind === 'ratio',
      byKey.get(`${indicator.id}:${TOTAL_KEY}`),
      parts,
    )) {
      issues.push({
        field: fieldOf(indicator.id, problem.category, problem.part),
        message: problem.message,
        severity: 'error',
      });
    }
    const total = byKey.get(`${indicator.id}:total`);
    if (
      forSubmit &&
      indicator.required &&
      (total?.numerator == null || (indicator.kind === 'ratio' && total.denominator == null))
    ) {
      issues.push({
        field: fieldOf(indicator.id, 'total', total?.numerator == null ? 'numerator' : 'denominator'),
        message: `Chưa nhập "${indicator.name}".`,
        severity: 'error',
      });
    }
    const before = previous.find((p) => p.indicatorId === indicator.id && p.category === 'total');
    if (total?.numerator != null && before?.numerator != null) {
      const now =
        indicator.kind === 'ratio' && total.denominator
          ? total.numerator / total.denominator
          : total.numerator;
      const then =
        indicator.kind === 'ratio' && before.denominator
          ? before.numerator / before.denominator
          : before.numerator;
      const base = Math.max(Math.abs(then), indicator.kind === 'ratio' ? 0.05 : 1);
      if (
        Math.abs(now - then) / base > IMPLAUSIBLE_CHANGE &&
        Math.abs(now - then) >= (indicator.kind === 'ratio' ? 0.1 : 3)
      ) {
        issues.push({
          field: fieldOf(indicator.id, 'total', 'numerator'),
          message: `Thay đổi lớn so với kỳ trước (${before.numerator}${indicator.kind === 'ratio' ? `/${before.denominator}` : ''}). Hãy kiểm tra lại.`,
          severity: 'warning',
        });
      }
    }
  }
  if (forSubmit) {
    for (const section of sections) {
      if (section.required && !(narrative[section.key] ?? '').trim()) {
        issues.push({
          field: `narrative.${section.key}`,
          message: `Chưa viết phần "${section.title}".`,
          severity: 'error',
        });
      }
    }
  }
  return issues;
}
