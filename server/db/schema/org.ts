import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

// The organisation tree over time: units, their names and parents as validity spans, reorganisation events and lineage.

export const orgUnits = pgTable(
  'org_units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    type: text('type').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('org_units_code_key').on(t.code), index('org_units_type_idx').on(t.type)],
);

export const orgUnitNames = pgTable(
  'org_unit_names',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    nameFolded: text('name_folded').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('org_unit_names_unit_idx').on(t.unitId, t.validFrom)],
);

export const orgUnitParents = pgTable(
  'org_unit_parents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    parentId: integer('parent_id').references(() => orgUnits.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    index('org_unit_parents_unit_idx').on(t.unitId, t.validFrom),
    index('org_unit_parents_parent_idx').on(t.parentId, t.validFrom),
  ],
);

/** A reorganisation step (create, rename, move, merge, split, close, import) with its effective date. */
export const orgEvents = pgTable('org_events', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
});

export const orgEventUnits = pgTable(
  'org_event_units',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => orgEvents.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.unitId, t.role] }),
    index('org_event_units_unit_idx').on(t.unitId),
  ],
);

/** Lineage: `predecessor` became (part of) `successor` on `effective_date` through a merge or split. */
export const orgLineage = pgTable(
  'org_lineage',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => orgEvents.id),
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => orgUnits.id),
    successorId: integer('successor_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  },
  (t) => [index('org_lineage_pred_idx').on(t.predecessorId), index('org_lineage_succ_idx').on(t.successorId)],
);
