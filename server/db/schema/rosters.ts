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
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { plans, planTasks } from './plans.ts';
import { indicators, reports } from './reporting.ts';

// Rosters (the people a unit counts), activities they attend, and indicators computed from them.
// Personal data (Decree 13/2023/NĐ-CP): read within the unit's subtree by role, every read audited,
// a person deleted on request (hard delete; attendance goes with them).

/** One person of a unit's roster in one category (key cadre, women's-affairs cadre, committee member). */
export const rosterPeople = pgTable(
  'roster_people',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    category: text('category').notNull(),
    fullName: text('full_name').notNull(),
    fullNameFolded: text('full_name_folded').notNull(),
    sex: text('sex').notNull(),
    birthYear: integer('birth_year'),
    position: text('position'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('roster_people_unit_idx').on(t.unitId, t.category)],
);

/** A training, communication session, care activity… held by a unit, optionally for a plan's task. */
export const activities = pgTable(
  'activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    planId: integer('plan_id').references(() => plans.id),
    taskId: integer('task_id').references(() => planTasks.id),
    /** Participants from the public, counted by category: {"members": 40, "children": 120}. */
    publicCounts: jsonb('public_counts').notNull().default({}),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_unit_idx').on(t.unitId, t.heldOn),
    index('activities_kind_idx').on(t.kind, t.heldOn),
  ],
);

/** A roster person who attended an activity: once per activity (the same person id across sessions). */
export const activityAttendees = pgTable(
  'activity_attendees',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => rosterPeople.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.personId] }),
    index('activity_attendees_person_idx').on(t.personId),
  ],
);

/** An indicator computed from rosters and activities (an indicator without a row here is typed). */
export const indicatorDefinitions = pgTable('indicator_definitions', {
  indicatorId: integer('indicator_id')
    .primaryKey()
    .references(() => indicators.id),
  measure: text('measure').notNull(),
  rosterCategory: text('roster_category').notNull(),
  activityKind: text('activity_kind').notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
});

/** What the computation gave a report's value, and the officer's override with its reason. */
export const reportComputedValues = pgTable(
  'report_computed_values',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    numerator: doublePrecision('numerator').notNull(),
    denominator: doublePrecision('denominator').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    overrideReason: text('override_reason'),
    overriddenBy: integer('overridden_by'),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] })],
);
