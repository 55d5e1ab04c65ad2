import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.ts';
import { indicators, reportSchedules } from './reporting.ts';

// Exchange with DHIS2 (ADX and dataValueSets JSON): our indicators, units and schedules under the
// codes another system knows them by. docs/dhis2-exchange.md.

/**
 * One part of an indicator's value as a DHIS2 data element: `category` is total / male / female,
 * `part` is `value` (count, sum, yes/no) or `numerator` / `denominator` (a ratio's two numbers,
 * two data elements). The category option combo ('' for the default one) names the breakdown in
 * dataValueSets JSON; `adx_category` = `adx_option` (e.g. SEX = F, both '' when none) in ADX.
 */
export const exchangeDataElements = pgTable(
  'exchange_data_elements',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    category: text('category').notNull().default('total'),
    part: text('part').notNull().default('value'),
    dataElement: text('data_element').notNull(),
    categoryOptionCombo: text('category_option_combo').notNull().default(''),
    adxCategory: text('adx_category').notNull().default(''),
    adxOption: text('adx_option').notNull().default(''),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.category, t.part] }),
    uniqueIndex('exchange_data_elements_coc_key').on(t.dataElement, t.categoryOptionCombo),
    uniqueIndex('exchange_data_elements_adx_key').on(t.dataElement, t.adxCategory, t.adxOption),
  ],
);

/** A unit's organisation unit code in the other system (without one, our own unit code is sent). */
export const exchangeOrgUnits = pgTable(
  'exchange_org_units',
  {
    unitId: integer('unit_id')
      .primaryKey()
      .references(() => orgUnits.id),
    orgUnit: text('org_unit').notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exchange_org_units_code_key').on(t.orgUnit)],
);

/** A report schedule's data set code (ADX `group/@dataSet`, dataValueSets `dataSet`). */
export const exchangeDataSets = pgTable(
  'exchange_data_sets',
  {
    scheduleId: integer('schedule_id')
      .primaryKey()
      .references(() => reportSchedules.id),
    dataSet: text('data_set').notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('exchange_data_sets_code_idx').on(t.dataSet)],
);
