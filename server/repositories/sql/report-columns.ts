/** A report's columns (of table alias `t`) under the names of `ReportRow`, for raw statements. */
export const reportColumns = (t: string) => `${t}.id, ${t}.period_id AS "periodId", ${t}.unit_id AS "unitId",
  ${t}.form_version_id AS "formVersionId", ${t}.status, ${t}.due_on AS "dueOn", ${t}.narrative,
  ${t}.submitted_at AS "submittedAt", ${t}.submitted_by AS "submittedBy", ${t}.late,
  ${t}.reviewed_at AS "reviewedAt", ${t}.reviewed_by AS "reviewedBy", ${t}.return_reason AS "returnReason",
  ${t}.is_demo AS "isDemo", ${t}.version, ${t}.created_at AS "createdAt", ${t}.updated_at AS "updatedAt"`;

/** A value of `report_values` (alias `v`) as JSON, under the names of `ValueRow`. */
export const VALUE_JSON = `json_build_object('indicatorId', v.indicator_id, 'category', v.category,
  'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment)`;
