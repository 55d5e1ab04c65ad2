import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { documents } from './documents.ts';
import { orgUnits } from './org.ts';

// Plans and their parts: targets, tasks, assignments, reporting duties, events; document numbering.

/** A plan of one org unit: received (from a document) or its own (derived, draft → issued). */
export const plans = pgTable(
  'plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    documentId: integer('document_id').references(() => documents.id),
    parentPlanId: integer('parent_plan_id'),
    origin: text('origin').notNull(),
    status: text('status').notNull(),
    kind: text('kind').notNull().default('KH'),
    title: text('title').notNull(),
    yearFrom: integer('year_from'),
    yearTo: integer('year_to'),
    symbol: text('symbol'),
    issuedOn: date('issued_on', { mode: 'string' }),
    implementDeadline: date('implement_deadline', { mode: 'string' }),
    issuerName: text('issuer_name'),
    supervisingBody: text('supervising_body'),
    place: text('place'),
    preamble: text('preamble'),
    purposes: jsonb('purposes').notNull().default([]),
    funding: jsonb('funding').notNull().default([]),
    recipients: jsonb('recipients').notNull().default([]),
    signer: jsonb('signer'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('plans_unit_idx').on(t.unitId),
    index('plans_parent_idx').on(t.parentPlanId),
    index('plans_document_idx').on(t.documentId),
  ],
);

export const planTargets = pgTable(
  'plan_targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    milestones: jsonb('milestones').notNull().default([]),
    sourceTargetId: integer('source_target_id'),
  },
  (t) => [index('plan_targets_plan_idx').on(t.planId)],
);

export const planTasks = pgTable(
  'plan_tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    leadText: text('lead_text'),
    leadUnitId: integer('lead_unit_id').references(() => orgUnits.id),
    cooperating: jsonb('cooperating').notNull().default([]),
    deadline: date('deadline', { mode: 'string' }),
    status: text('status').notNull().default('not_started'),
    progressNote: text('progress_note'),
    version: integer('version').notNull().default(0),
  },
  (t) => [index('plan_tasks_plan_idx').on(t.planId), index('plan_tasks_lead_idx').on(t.leadUnitId)],
);

export const planAssignments = pgTable(
  'plan_assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    position: integer('position').notNull(),
    unitText: text('unit_text').notNull(),
    unitId: integer('unit_id').references(() => orgUnits.id),
    unitType: text('unit_type'),
    text: text('text').notNull(),
  },
  (t) => [index('plan_assignments_plan_idx').on(t.planId)],
);

export const planReportingDuties = pgTable(
  'plan_reporting_duties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    position: integer('position').notNull(),
    frequency: text('frequency').notNull(),
    due: text('due'),
    recipient: text('recipient'),
  },
  (t) => [index('plan_reporting_duties_plan_idx').on(t.planId)],
);

export const planEvents = pgTable(
  'plan_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** `MM-DD` for yearly events, `YYYY-MM-DD` for one-off ones. */
    start: text('start').notNull(),
    end: text('end'),
    calendar: text('calendar').notNull().default('solar'),
    recurring: boolean('recurring').notNull().default(true),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId)],
);

/** The next number of a unit's documents per year and type (72/KH-LĐLĐ, 73/KH-LĐLĐ, …). */
export const documentSequences = pgTable(
  'document_sequences',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.kind] })],
);
