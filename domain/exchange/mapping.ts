import { categoryKeysOf } from '../reporting/breakdowns.ts';

/**
 * Which data element mappings make sense for an indicator. Pure: the one rule for the API, the
 * CSV import and the web card.
 */

export interface MappedIndicator {
  kind: string;
  disaggregation: string;
}

export interface MappingCandidate {
  category: string;
  part: string;
  adxCategory: string;
  adxOption: string;
}

/** The (category, part) cells an indicator's values have: what can be mapped. */
export function mappableCells(indicator: MappedIndicator): { category: string; part: string }[] {
  const categories = ['total', ...categoryKeysOf(indicator.disaggregation)];
  const parts = indicator.kind === 'ratio' ? ['numerator', 'denominator'] : ['value'];
  return categories.flatMap((category) => parts.map((part) => ({ category, part })));
}

/** Why this mapping does not fit the indicator (Vietnamese, naming the field), or null. */
export interface MappingProblem {
  field: 'category' | 'part' | 'adxCategory' | 'adxOption';
  /** The server's noun key of the reason (server/i18n/messages.ts). */
  code: 'exchange_total_only' | 'exchange_ratio_parts' | 'exchange_value_part' | 'exchange_adx_pair';
  message: string;
}

export function mappingProblem(indicator: MappedIndicator, m: MappingCandidate): MappingProblem | null {
  if (m.category !== 'total' && indicator.disaggregation !== 'sex')
    return {
      field: 'category',
      code: 'exchange_total_only',
      message: `Chỉ số không phân tổ theo giới tính: chỉ gắn được nhóm "total".`,
    };
  if (indicator.kind === 'ratio' && m.part === 'value')
    return {
      field: 'part',
      code: 'exchange_ratio_parts',
      message: 'Chỉ số tỷ lệ gắn tử số (numerator) và mẫu số (denominator) riêng, không gắn "value".',
    };
  if (indicator.kind !== 'ratio' && m.part !== 'value')
    return {
      field: 'part',
      code: 'exchange_value_part',
      message: `Chỉ số loại "${indicator.kind}" chỉ có một số: phần phải là "value".`,
    };
  if ((m.adxCategory === '') !== (m.adxOption === ''))
    return {
      field: m.adxCategory === '' ? 'adxCategory' : 'adxOption',
      code: 'exchange_adx_pair',
      message: 'Phân tổ ADX cần cả tên thuộc tính (vd. SEX) và mã lựa chọn (vd. F), hoặc bỏ trống cả hai.',
    };
  return null;
}
