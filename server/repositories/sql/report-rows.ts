import type { TCategory } from '../../../contracts/reporting.ts';
import type {
  indicators,
  reportFormVersions,
  reportPeriods,
  reportSchedules,
  reports,
  reportValues,
} from '../../db/schema.ts';

// The rows of the reporting tables as the repositories return them: typed from the schema, camelCase.

export type IndicatorRow = typeof indicators.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type PeriodRow = typeof reportPeriods.$inferSelect;
export type ScheduleRow = typeof reportSchedules.$inferSelect;
export type FormVersionRow = typeof reportFormVersions.$inferSelect;
export type ValueRow = typeof reportValues.$inferSelect;

/** What `viewContext` returns (JSON built by the database, names as in the rows above). */
export interface ViewContextRow {
  period: PeriodRow & { scheduleName: string; planId: number; planTitle: string };
  form: {
    versionId: number;
    versionNumber: number;
    entries: { indicatorId: number; required: boolean }[];
    sections: unknown;
    allowAttachments: boolean;
    formId: number;
    name: string;
    planId: number | null;
    version: number;
  } | null;
  indicators:
    | Pick<
        IndicatorRow,
        | 'id'
        | 'code'
        | 'name'
        | 'kind'
        | 'unit'
        | 'numeratorLabel'
        | 'denominatorLabel'
        | 'disaggregation'
        | 'aggregation'
        | 'threshold'
        | 'version'
      >[]
    | null;
  values: Omit<ValueRow, 'reportId'>[] | null;
  previous_values: Omit<ValueRow, 'reportId'>[] | null;
  unit_name: string | null;
  attachments: { id: number; fileName: string; contentType: string; size: number }[] | null;
}

/** A report row with its view context and the access rule's row for the caller (`reportContext`). */
export type ReportContextRow = ReportRow &
  ViewContextRow & { unitExists: boolean; unitValidTo: string | null; inSubtree: boolean };

/** What opening a report needs, in one statement (`openContext`). */
export interface OpenContextRow {
  dueOn: string;
  leadDays: number;
  unitTypes: string[];
  isDemo: boolean;
  currentVersionId: number | null;
  /** Levels from the plan's unit down to the unit at the period's end; null when not below it then. */
  depth: number | null;
  /** The plan's unit is in the tree at the period's end (the root of `OrgRepository.tree`). */
  planUnitPlaced: boolean;
  unitType: string | null;
  reportId: number | null;
  unitExists: boolean;
  unitValidTo: string | null;
  inSubtree: boolean;
}

/** A value as a save writes it. */
export interface SavedValue {
  indicatorId: number;
  category: TCategory;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}
