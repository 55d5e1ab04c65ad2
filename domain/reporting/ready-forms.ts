/**
 * Ready forms (biểu mẫu có sẵn): a form shipped with the product, its indicators defined here with
 * fixed codes so every unit that schedules it — a province's union or the state's labour office —
 * asks and rolls up the same figures. Pure: no I/O; the schedule dialog creates the indicators that
 * do not exist yet and fills the schedule with them.
 */

export interface ReadyIndicator {
  code: string;
  name: string;
  kind: 'count';
  unit: string;
  disaggregation: string;
  aggregation: 'sum';
  required: boolean;
}

export interface ReadyForm {
  key: string;
  name: string;
  /** What the form is for, in one sentence (shown beside the button). */
  purpose: string;
  frequency: 'annual';
  dueRule: string;
  indicators: readonly ReadyIndicator[];
  /** Sections of `DEFAULT_SECTIONS` the form asks for, and which are required. */
  sections: readonly string[];
  requiredSections: readonly string[];
}

const count = (code: string, name: string, disaggregation: string, required = true): ReadyIndicator => ({
  code,
  name,
  kind: 'count',
  unit: 'trẻ em',
  disaggregation,
  aggregation: 'sum',
  required,
});

/**
 * The child-labour situation survey of seed 001's appendix (Chương trình phòng ngừa, giảm thiểu
 * lao động trẻ em giai đoạn 2021–2025, QĐ 782/QĐ-TTg): child labourers and children at risk of
 * becoming one (trẻ em có nguy cơ), by sector (agriculture, craft villages, informal services,
 * supply chains), area and risk, against the 2016–2020 baseline the plan compares with.
 */
export const CHILD_LABOUR_SURVEY: ReadyForm = {
  key: 'child-labour-survey',
  name: 'Khảo sát tình hình lao động trẻ em',
  purpose:
    'Số lao động trẻ em và trẻ em có nguy cơ trở thành lao động trẻ em theo lĩnh vực, địa bàn, giới tính, nhóm tuổi và mức độ nguy cơ, so với giai đoạn 2016–2020.',
  frequency: 'annual',
  dueRule: '11-10',
  indicators: [
    count('LDTE_LV_DB', 'Số lao động trẻ em, theo lĩnh vực và địa bàn', 'sector+area'),
    count('LDTE_GT_TUOI', 'Số lao động trẻ em, theo giới tính và nhóm tuổi', 'sex+age_child'),
    count(
      'TENC_LV_DB',
      'Số trẻ em có nguy cơ trở thành lao động trẻ em, theo lĩnh vực và địa bàn',
      'sector+area',
    ),
    count('TENC_MUC_DO', 'Số trẻ em có nguy cơ trở thành lao động trẻ em, theo mức độ nguy cơ', 'risk'),
    count('LDTE_HO_TRO', 'Số lao động trẻ em và trẻ em có nguy cơ được hỗ trợ, can thiệp', 'sex', false),
    count('LDTE_GOC_2020', 'Số lao động trẻ em cuối giai đoạn 2016–2020 (số liệu gốc)', 'none', false),
    count(
      'TENC_GOC_2020',
      'Số trẻ em có nguy cơ trở thành lao động trẻ em cuối giai đoạn 2016–2020 (số liệu gốc)',
      'none',
      false,
    ),
  ],
  sections: ['results', 'shortcomings', 'causes', 'proposals'],
  requiredSections: ['results'],
};

export const READY_FORMS: readonly ReadyForm[] = [CHILD_LABOUR_SURVEY];
