import type { TComparator, TMilestone } from '../../contracts/plan-extract.ts';
import { formatDateVi } from '../dates.ts';
import { formatNumberVi } from './format-number.ts';

/**
 * What an assessment says, as data — the verdict and how the projection was made — and the one
 * place its words are written, in Vietnamese (the papers, the default UI) and English (the second
 * language). The dashboards send the phrases; each screen writes them in the reader's language.
 */

export type AssessmentLanguage = 'vi' | 'en';

/** How a milestone the values are judged against reads: its comparator, value and unit. */
type MilestoneWords = Pick<TMilestone, 'op' | 'value' | 'unit'>;

export type VerdictPhrase =
  | { kind: 'not_assessable' }
  | { kind: 'no_milestone' }
  /** a count measured against a % milestone (or the reverse): no comparison, the officer is asked to rebind */
  | { kind: 'cannot_compare'; valueIsPercent: boolean; milestone: MilestoneWords }
  | { kind: 'met'; milestone: MilestoneWords; year: number | null }
  | { kind: 'missed'; milestone: MilestoneWords; year: number }
  | {
      kind: 'on_track' | 'at_risk' | 'off_track';
      milestone: MilestoneWords;
      year: number;
      /** true: by the trend's projection; false: the current value held flat */
      projected: boolean;
      /** still to go, in the value's unit (null: none to say) */
      shortfall: number | null;
      unit: string | null;
    };

export type BasisPhrase =
  | { kind: 'no_data'; asOf: string }
  | {
      kind: 'trend';
      points: number;
      years: string;
      slope: number;
      unit: string | null;
      projection: { year: number; value: number } | null;
    }
  | { kind: 'too_few'; points: number; years: string; current: number; unit: string | null }
  | { kind: 'provisional'; until: string };

/** What the app asks of the officer when a target's indicator cannot be compared with its milestone. */
export const INDICATOR_ADVICE = ' — hãy chọn lại chỉ số đo chỉ tiêu này';

function formatNumber(value: number, lang: AssessmentLanguage): string {
  if (lang === 'vi') return formatNumberVi(value);
  return new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value);
}

/** Dates are dd/mm/yyyy in both languages (the product's rule). */
function formatDate(iso: string, _lang: AssessmentLanguage): string {
  return formatDateVi(iso);
}

export function formatValue(value: number, unit: string | null, lang: AssessmentLanguage = 'vi'): string {
  const number = formatNumber(value, lang);
  if (unit === '%') return `${number}%`;
  return unit ? `${number} ${unit}` : number;
}

/** A change of a value: percentage points for a %. */
export function formatChange(amount: number, unit: string | null, lang: AssessmentLanguage = 'vi'): string {
  const number = formatNumber(amount, lang);
  if (unit === '%') return lang === 'vi' ? `${number} điểm %` : `${number} percentage points`;
  return unit ? `${number} ${unit}` : number;
}

const COMPARATOR_WORDS: Record<AssessmentLanguage, Record<TComparator, string>> = {
  vi: { '>': 'trên ', '>=': 'ít nhất ', '=': '', '<': 'dưới ', '<=': 'không quá ' },
  en: { '>': 'over ', '>=': 'at least ', '=': '', '<': 'under ', '<=': 'at most ' },
};

/** "trên 90%", "ít nhất 1 hoạt động", "dưới 5%" (English: "over 90%"). */
export function describeMilestone(milestone: MilestoneWords, lang: AssessmentLanguage = 'vi'): string {
  return `${COMPARATOR_WORDS[lang][milestone.op]}${formatValue(milestone.value, milestone.unit, lang)}`;
}

/** The verdict in words. `advice: false` leaves out what the app asks of its user (official papers). */
export function verdictText(
  phrase: VerdictPhrase,
  lang: AssessmentLanguage = 'vi',
  options: { advice?: boolean } = {},
): string {
  const advice = options.advice ?? true;
  const vi = lang === 'vi';
  switch (phrase.kind) {
    case 'not_assessable':
      return vi ? 'Chưa đánh giá được.' : 'Cannot be assessed yet.';
    case 'no_milestone':
      return vi ? 'Chỉ tiêu chưa có mốc để đánh giá.' : 'The target has no milestone to assess against.';
    case 'cannot_compare': {
      const target = describeMilestone(phrase.milestone, lang);
      const isPercent = phrase.milestone.unit === '%';
      if (vi)
        return `Chỉ số đo ${phrase.valueIsPercent ? 'tỉ lệ (%)' : 'số lượng'} nhưng mốc ${target} ${isPercent ? 'tính bằng %' : 'là số lượng'}: chưa so sánh được${advice ? INDICATOR_ADVICE : ''}.`;
      return `The indicator measures ${phrase.valueIsPercent ? 'a share (%)' : 'a count'} but the milestone ${target} is ${isPercent ? 'a %' : 'a count'}: they cannot be compared${advice ? ' — choose another indicator for this target' : ''}.`;
    }
    case 'met': {
      const target = describeMilestone(phrase.milestone, lang);
      if (vi) return `Đã đạt chỉ tiêu ${target}${phrase.year !== null ? ` năm ${phrase.year}` : ''}.`;
      return `Target ${target}${phrase.year !== null ? ` for ${phrase.year}` : ''} met.`;
    }
    case 'missed': {
      const target = describeMilestone(phrase.milestone, lang);
      return vi
        ? `Đã hết năm ${phrase.year} mà chưa đạt chỉ tiêu ${target}.`
        : `${phrase.year} has ended without reaching the target ${target}.`;
    }
    default: {
      const target = describeMilestone(phrase.milestone, lang);
      const missing =
        phrase.shortfall !== null && phrase.shortfall > 0
          ? vi
            ? ` (còn cách ${formatChange(phrase.shortfall, phrase.unit, lang)})`
            : ` (${formatChange(phrase.shortfall, phrase.unit, lang)} short)`
          : '';
      if (vi) {
        const how = phrase.projected ? 'Theo xu hướng này' : 'Nếu giữ nguyên mức hiện tại';
        const will = { on_track: 'sẽ đạt', at_risk: 'có nguy cơ không đạt', off_track: 'sẽ không đạt' }[
          phrase.kind
        ];
        return `${how} ${will} chỉ tiêu ${target} năm ${phrase.year}${phrase.kind === 'on_track' ? '' : missing}.`;
      }
      const how = phrase.projected ? 'On this trend' : 'If the current level holds';
      const will = { on_track: 'will reach', at_risk: 'risks missing', off_track: 'will miss' }[phrase.kind];
      return `${how} it ${will} the target ${target} for ${phrase.year}${phrase.kind === 'on_track' ? '' : missing}.`;
    }
  }
}

/** How the projection was made, in words: one sentence a phrase. */
export function basisText(phrases: readonly BasisPhrase[], lang: AssessmentLanguage = 'vi'): string {
  const vi = lang === 'vi';
  return phrases
    .map((p) => {
      switch (p.kind) {
        case 'no_data':
          return vi
            ? `Chưa có số liệu đến ngày ${formatDate(p.asOf, lang)}.`
            : `No figures up to ${formatDate(p.asOf, lang)}.`;
        case 'trend': {
          const flat = formatNumberVi(Math.abs(p.slope)) === '0';
          const change = formatChange(Math.abs(p.slope), p.unit, lang);
          const direction = vi
            ? flat
              ? 'không đổi'
              : `${p.slope > 0 ? 'tăng' : 'giảm'} ${change}/năm`
            : flat
              ? 'unchanged'
              : `${p.slope > 0 ? 'up' : 'down'} ${change} a year`;
          const projection = p.projection
            ? vi
              ? `; dự báo năm ${p.projection.year} đạt ${formatValue(p.projection.value, p.unit, lang)}.`
              : `; projected ${formatValue(p.projection.value, p.unit, lang)} in ${p.projection.year}.`
            : '.';
          return vi
            ? `Xu hướng tuyến tính từ ${p.points} kỳ (${p.years}): ${direction}${projection}`
            : `Linear trend over ${p.points} periods (${p.years}): ${direction}${projection}`;
        }
        case 'too_few':
          return vi
            ? `Chưa đủ số liệu để tính xu hướng (${p.points} kỳ, ${p.years}); giá trị hiện tại ${formatValue(p.current, p.unit, lang)}.`
            : `Too few figures for a trend (${p.points} periods, ${p.years}); current value ${formatValue(p.current, p.unit, lang)}.`;
        case 'provisional':
          return vi
            ? `Số liệu kỳ đang diễn ra (đến ${formatDate(p.until, lang)}) là tạm tính: còn báo cáo chưa duyệt.`
            : `Figures of the running period (to ${formatDate(p.until, lang)}) are provisional: some reports are not yet approved.`;
      }
      return '';
    })
    .join(' ');
}
