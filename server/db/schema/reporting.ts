import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { plans, planTargets } from './plans.ts';

// The reporting cycle: indicators, forms, schedules, periods, reports, their values and attachments.

/** What is measured: a ratio (numerator/denominator), a count, a sum or yes/no. */
export const indicators = pgTable(
  'indicators',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit'),
    numeratorLabel: text('numerator_label'),
    denominatorLabel: text('denominator_label'),
    disaggregation: text('disaggregation').notNull().default('none'),
    aggregation: text('aggregation').notNull().default('sum'),
    threshold: integer('threshold').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    /** Retired: kept for the reports and plans that use it, no longer offered for new ones. */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicators_code_key').on(t.code)],
);

/** A plan's target measured by an indicator (suggested from the text, confirmed by a user). */
export const targetIndicators = pgTable(
  'target_indicators',
  {
    targetId: integer('target_id')
      .notNull()
      .references(() => planTargets.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    confirmedBy: integer('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.targetId] }), index('target_indicators_indicator_idx').on(t.indicatorId)],
);

/** A report form; its content lives in versions, and a report keeps the version it was filled in. */
export const reportForms = pgTable('report_forms', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  planId: integer('plan_id').references(() => plans.id),
  currentVersionId: integer('current_version_id'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(0),
  createdAt: createdAt(),
});

export const reportFormVersions = pgTable(
  'report_form_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    formId: integer('form_id')
      .notNull()
      .references(() => reportForms.id),
    number: integer('number').notNull(),
    /** [{indicatorId, required}] in display order */
    indicators: jsonb('indicators').notNull(),
    /** [{key, title, required}] */
    sections: jsonb('sections').notNull(),
    allowAttachments: boolean('allow_attachments').notNull().default(true),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_form_versions_form_number_key').on(t.formId, t.number)],
);

/** A plan's reporting duty made into a schedule of periods with a form. */
export const reportSchedules = pgTable(
  'report_schedules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    dutyId: integer('duty_id'),
    formId: integer('form_id')
      .notNull()
      .references(() => reportForms.id),
    name: text('name').notNull(),
    frequency: text('frequency').notNull(),
    dueRule: text('due_rule'),
    /** Days each level below sets its units' date before its own. */
    leadDays: integer('lead_days').notNull().default(5),
    /** Unit types expected to report (empty: the plan's assignments decide). */
    unitTypes: jsonb('unit_types').notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('report_schedules_plan_idx').on(t.planId)],
);

export const reportPeriods = pgTable(
  'report_periods',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    scheduleId: integer('schedule_id')
      .notNull()
      .references(() => reportSchedules.id),
    key: text('key').notNull(),
    label: text('label').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    cutoffFrom: date('cutoff_from', { mode: 'string' }).notNull(),
    cutoffTo: date('cutoff_to', { mode: 'string' }).notNull(),
    /** The date the plan's own unit set for its direct units. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('report_periods_schedule_key').on(t.scheduleId, t.key),
    // A schedule's periods in order: a report's view finds the unit's previous report walking
    // back from its period, one probe of `reports` per period until one is found.
    index('report_periods_schedule_starts_idx').on(t.scheduleId, t.startsOn),
    index('report_periods_due_idx').on(t.dueOn),
  ],
);

/** One unit's report for one period: draft → submitted → returned | approved (locked). */
export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    formVersionId: integer('form_version_id')
      .notNull()
      .references(() => reportFormVersions.id),
    status: text('status').notNull().default('draft'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    narrative: jsonb('narrative').notNull().default({}),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    submittedBy: integer('submitted_by'),
    late: boolean('late').notNull().default(false),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    reviewedBy: integer('reviewed_by'),
    returnReason: text('return_reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_period_unit_key').on(t.periodId, t.unitId),
    index('reports_unit_idx').on(t.unitId),
    index('reports_status_idx').on(t.status),
  ],
);

export const reportValues = pgTable(
  'report_values',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    category: text('category').notNull().default('total'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId, t.category] })],
);

export const reportAttachments = pgTable(
  'report_attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('report_attachments_report_idx').on(t.reportId)],
);
