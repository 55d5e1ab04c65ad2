import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.ts';
import { indicators, reportPeriods } from './reporting.ts';

// The live roll-ups: stored subtree figures, the tree snapshot of each period and its build state.

/**
 * Aggregates of approved values for each unit and its subtree as the organisation stood at the
 * period's end. Maintained on approval/unlock (one statement over the unit's ancestors) and
 * rebuilt from scratch per period after a reorganisation.
 */
export const rollupValues = pgTable(
  'rollup_values',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    category: text('category').notNull().default('total'),
    numerator: doublePrecision('numerator').notNull().default(0),
    denominator: doublePrecision('denominator').notNull().default(0),
    reportingUnits: integer('reporting_units').notNull().default(0),
    meetingUnits: integer('meeting_units').notNull().default(0),
    expectedUnits: integer('expected_units').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.indicatorId, t.unitId, t.category] }),
    index('rollup_values_unit_idx').on(t.unitId, t.periodId),
  ],
);

/**
 * The plan unit's tree as it stood at a period's end, kept per period (a snapshot of
 * `org_unit_parents`): each unit with its parent, its ancestors from the plan unit down
 * (`ancestors`, the closure as an array), whether it is expected to report and how many expected
 * units its subtree holds. Built by the period's rebuild; an approval adds its values to
 * `ancestors` (one indexed lookup) and the drill-down reads a unit's children by index.
 */
export const rollupUnits = pgTable(
  'rollup_units',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    parentId: integer('parent_id'),
    depth: integer('depth').notNull(),
    /** Ids from the plan unit down to the parent (empty for the plan unit). */
    ancestors: integer('ancestors').array().notNull(),
    type: text('type').notNull(),
    expected: boolean('expected').notNull(),
    hasChildren: boolean('has_children').notNull(),
    /** Units expected to report in the subtree, the unit itself included. */
    expectedUnits: integer('expected_units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.unitId] }),
    index('rollup_units_parent_idx').on(t.periodId, t.parentId),
  ],
);

/**
 * Roll-up state of a period: when its tree snapshot and roll-ups were last built, and since when
 * they wait for a rebuild (an organisation change effective on or before the period's end queues
 * one; the server's job runs it).
 */
export const rollupPeriods = pgTable('rollup_periods', {
  periodId: integer('period_id')
    .primaryKey()
    .references(() => reportPeriods.id),
  builtAt: timestamp('built_at', { withTimezone: true, mode: 'string' }),
  /** Set by an organisation change that reaches the period; cleared by the rebuild. */
  staleSince: timestamp('stale_since', { withTimezone: true, mode: 'string' }),
  staleReason: text('stale_reason'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /**
   * What the tree snapshot was taken from (the period's scope and a checksum of the organisation's
   * units and parent spans): a rebuild whose fingerprint is unchanged keeps the snapshot.
   */
  treeFingerprint: text('tree_fingerprint'),
});
