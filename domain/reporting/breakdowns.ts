/**
 * Breakdowns (phân tổ) of an indicator's value — DHIS2's category combinations. An indicator is
 * broken down by none, one or two dimensions (sex; age group; area; sector; risk level); each
 * value row carries the category option combination it counts, as a key: an option code for one
 * dimension (`female`), two joined by `|` in the dimensions' order for two (`female|urban`), and
 * `total` for the whole. Option codes are unique across dimensions. Pure: no I/O.
 * Storage choice: docs/adr/0026-breakdowns-as-category-keys.md.
 */

export const TOTAL_KEY = 'total';
export const KEY_SEPARATOR = '|';
export const DISAGGREGATION_SEPARATOR = '+';

export interface BreakdownOption {
  code: string;
  vi: string;
  en: string;
}

export interface BreakdownDimension {
  code: string;
  vi: string;
  en: string;
  options: readonly BreakdownOption[];
}

/** The dimensions, in the order a two-dimension breakdown names them. */
export const DIMENSIONS: readonly BreakdownDimension[] = [
  {
    code: 'sex',
    vi: 'Giới tính',
    en: 'Sex',
    options: [
      { code: 'male', vi: 'Nam', en: 'Male' },
      { code: 'female', vi: 'Nữ', en: 'Female' },
    ],
  },
  {
    code: 'age',
    vi: 'Nhóm tuổi',
    en: 'Age group',
    options: [
      { code: 'age_u35', vi: 'Dưới 35 tuổi', en: 'Under 35' },
      { code: 'age_35_50', vi: 'Từ 35 đến 50 tuổi', en: '35 to 50' },
      { code: 'age_o50', vi: 'Trên 50 tuổi', en: 'Over 50' },
    ],
  },
  {
    code: 'age_child',
    vi: 'Nhóm tuổi trẻ em',
    en: "Children's age group",
    options: [
      { code: 'age_5_11', vi: 'Từ 5 đến 11 tuổi', en: '5 to 11' },
      { code: 'age_12_14', vi: 'Từ 12 đến 14 tuổi', en: '12 to 14' },
      { code: 'age_15_17', vi: 'Từ 15 đến 17 tuổi', en: '15 to 17' },
    ],
  },
  {
    code: 'sector',
    vi: 'Lĩnh vực',
    en: 'Sector',
    options: [
      { code: 'agriculture', vi: 'Nông nghiệp', en: 'Agriculture' },
      { code: 'craft_village', vi: 'Làng nghề, tiểu thủ công nghiệp', en: 'Craft villages' },
      { code: 'informal_services', vi: 'Dịch vụ phi chính thức', en: 'Informal services' },
      { code: 'supply_chain', vi: 'Chuỗi cung ứng', en: 'Supply chains' },
      { code: 'other_sector', vi: 'Lĩnh vực khác', en: 'Other sectors' },
    ],
  },
  {
    code: 'area',
    vi: 'Địa bàn',
    en: 'Area',
    options: [
      { code: 'urban', vi: 'Thành thị', en: 'Urban' },
      { code: 'rural', vi: 'Nông thôn', en: 'Rural' },
      { code: 'industrial_zone', vi: 'Khu công nghiệp, khu chế xuất', en: 'Industrial zone' },
    ],
  },
  {
    code: 'risk',
    vi: 'Mức độ nguy cơ',
    en: 'Risk level',
    options: [
      { code: 'risk_high', vi: 'Nguy cơ cao', en: 'High risk' },
      { code: 'risk_medium', vi: 'Nguy cơ trung bình', en: 'Medium risk' },
      { code: 'risk_low', vi: 'Nguy cơ thấp', en: 'Low risk' },
    ],
  },
];

const dimensionByCode = new Map(DIMENSIONS.map((d) => [d.code, d]));
const optionByCode = new Map(DIMENSIONS.flatMap((d) => d.options.map((o) => [o.code, o] as const)));

/** Every stored `disaggregation`: `none`, one dimension, or two in the order of `DIMENSIONS`. */
export const DISAGGREGATIONS: readonly string[] = [
  'none',
  ...DIMENSIONS.map((d) => d.code),
  ...DIMENSIONS.flatMap((a, i) =>
    DIMENSIONS.slice(i + 1).map((b) => `${a.code}${DISAGGREGATION_SEPARATOR}${b.code}`),
  ),
];

/** The dimensions of a stored `disaggregation` (empty for `none` or an unknown one). */
export function dimensionsOf(disaggregation: string): BreakdownDimension[] {
  if (disaggregation === 'none' || !DISAGGREGATIONS.includes(disaggregation)) return [];
  return disaggregation.split(DISAGGREGATION_SEPARATOR).map((code) => dimensionByCode.get(code)!);
}

/**
 * The category keys a value row may carry besides `total`: the options of one dimension, or every
 * combination of two (`male|urban`, `male|rural`, … — the first dimension's option varies slowest).
 */
export function categoryKeysOf(disaggregation: string): string[] {
  const dims = dimensionsOf(disaggregation);
  if (dims.length === 0) return [];
  if (dims.length === 1) return dims[0]!.options.map((o) => o.code);
  return dims[0]!.options.flatMap((a) => dims[1]!.options.map((b) => `${a.code}${KEY_SEPARATOR}${b.code}`));
}

/** The option codes of a category key (`female|urban` → `['female', 'urban']`). */
export function optionsOfKey(key: string): string[] {
  return key.split(KEY_SEPARATOR);
}

/** A category key's label: `Tổng số`, `Nữ`, `Nữ – Thành thị`. */
export function categoryLabel(key: string, lang: 'vi' | 'en' = 'vi'): string {
  if (key === TOTAL_KEY) return lang === 'vi' ? 'Tổng số' : 'Total';
  return optionsOfKey(key)
    .map((code) => optionByCode.get(code)?.[lang] ?? code)
    .join(' – ');
}

/** A disaggregation's label: `Giới tính × Địa bàn`, `Không phân tổ`. */
export function disaggregationLabel(disaggregation: string, lang: 'vi' | 'en' = 'vi'): string {
  const dims = dimensionsOf(disaggregation);
  if (dims.length === 0) return lang === 'vi' ? 'Không phân tổ' : 'No breakdown';
  return dims.map((d) => d[lang]).join(' × ');
}

/** Counters of one cell, as the roll-up keeps them. */
export interface BreakdownCounters {
  numerator: number;
  denominator: number;
  reportingUnits: number;
  meetingUnits: number;
}

/**
 * The marginals of a two-dimension breakdown: for each option of either dimension, the sum of the
 * combinations holding it (`female` = `female|urban` + `female|rural` + …). Additive rules only.
 * `reportingUnits` of a marginal is the largest of its combinations' (a unit gives every
 * combination or none). Empty for one dimension or none.
 */
export function marginalsOf(
  disaggregation: string,
  cells: ReadonlyMap<string, BreakdownCounters>,
): Map<string, BreakdownCounters> {
  const dims = dimensionsOf(disaggregation);
  const result = new Map<string, BreakdownCounters>();
  if (dims.length !== 2) return result;
  for (const [position, dim] of dims.entries()) {
    for (const option of dim.options) {
      const sum: BreakdownCounters = { numerator: 0, denominator: 0, reportingUnits: 0, meetingUnits: 0 };
      let any = false;
      for (const [key, cell] of cells) {
        if (optionsOfKey(key)[position] !== option.code) continue;
        any = true;
        sum.numerator += cell.numerator;
        sum.denominator += cell.denominator;
        sum.meetingUnits += cell.meetingUnits;
        sum.reportingUnits = Math.max(sum.reportingUnits, cell.reportingUnits);
      }
      if (any) result.set(option.code, sum);
    }
  }
  return result;
}

/** One typed-in part of a breakdown: its category key and the numbers (null when left empty). */
export interface BreakdownPart {
  category: string;
  numerator: number | null;
  denominator: number | null;
}

export interface BreakdownProblem {
  category: string;
  part: 'numerator' | 'denominator';
  code: 'parts_exceed_total' | 'parts_not_total' | 'grid_incomplete' | 'unknown_category';
  message: string;
}

const fmt = (x: number) => x.toLocaleString('vi-VN');

/**
 * Checks a value's parts against its total (rule `given`): a category key must belong to the
 * breakdown; the parts together are not larger than the total, and once every part is given they
 * add up to it. Two dimensions are a grid: given at all, every cell is given. Each problem names
 * the indicator and the field in Vietnamese.
 */
export function checkBreakdown(
  indicatorName: string,
  disaggregation: string,
  isRatio: boolean,
  total: { numerator: number | null; denominator: number | null } | undefined,
  parts: readonly BreakdownPart[],
): BreakdownProblem[] {
  const keys = categoryKeysOf(disaggregation);
  const allowed = new Set(keys);
  const problems: BreakdownProblem[] = [];
  const dimensionsText = disaggregationLabel(disaggregation).toLowerCase();
  for (const p of parts) {
    if (!allowed.has(p.category)) {
      problems.push({
        category: p.category,
        part: 'numerator',
        code: 'unknown_category',
        message:
          keys.length === 0
            ? `"${indicatorName}" không phân tổ theo nhóm.`
            : `"${indicatorName}": nhóm "${categoryLabel(p.category)}" không thuộc phân tổ theo ${dimensionsText}.`,
      });
    }
  }
  if (problems.length > 0 || keys.length === 0) return problems;
  const grid = dimensionsOf(disaggregation).length === 2;
  const byKey = new Map(parts.map((p) => [p.category, p]));
  for (const part of isRatio ? (['numerator', 'denominator'] as const) : (['numerator'] as const)) {
    const what = isRatio ? (part === 'numerator' ? ' (tử số)' : ' (mẫu số)') : '';
    const given = keys.filter((k) => byKey.get(k)?.[part] != null);
    if (given.length === 0) continue;
    if (grid && given.length < keys.length) {
      const missing = keys.find((k) => byKey.get(k)?.[part] == null)!;
      problems.push({
        category: missing,
        part,
        code: 'grid_incomplete',
        message: `"${indicatorName}"${what}: chưa nhập ô "${categoryLabel(missing)}" — phân tổ theo ${dimensionsText} cần đủ mọi ô.`,
      });
      continue;
    }
    const sum = given.reduce((s, k) => s + byKey.get(k)![part]!, 0);
    const t = total?.[part];
    if (t == null) continue;
    const listed = given.map((k) => `${categoryLabel(k)} ${fmt(byKey.get(k)![part]!)}`).join(' + ');
    if (sum > t + 1e-9) {
      problems.push({
        category: TOTAL_KEY,
        part,
        code: 'parts_exceed_total',
        message: `"${indicatorName}"${what}: tổng các nhóm (${listed} = ${fmt(sum)}) lớn hơn tổng số (${fmt(t)}).`,
      });
    } else if (given.length === keys.length && Math.abs(sum - t) > 1e-9) {
      problems.push({
        category: TOTAL_KEY,
        part,
        code: 'parts_not_total',
        message: `"${indicatorName}"${what}: tổng số (${fmt(t)}) khác tổng các nhóm (${listed} = ${fmt(sum)}).`,
      });
    }
  }
  return problems;
}
