import {
  bigint,
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

/*
 * Conventions
 * - Validity spans: `valid_from` inclusive, `valid_to` inclusive (null = still valid). An operation
 *   effective on day E ends the old span on E − 1 and starts the new one on E.
 * - Every editable row has `version` (optimistic locking: a stale save gets 409).
 * - `*_folded` columns hold lower-case text without diacritics for diacritic-insensitive search.
 */

const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

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

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    homeUnitId: integer('home_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    locale: text('locale').notNull().default('vi'),
    /** For reminders by e-mail; optional. */
    email: text('email'),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** Sessions live in the database so that several server instances share them. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Reading jobs for uploaded documents (OCR takes seconds a page). The instance that received the
 * file reads it in a worker process (`queued` while waiting its turn, its place in `progress_done`;
 * `error` holds a short code) and writes progress here, so the client may poll any instance; `heartbeat_at`
 * tells a job whose instance died (no beat for minutes) from one still reading. Kept an hour.
 */
export const parseJobs = pgTable(
  'parse_jobs',
  {
    id: text('id').primaryKey(),
    ownerId: integer('owner_id').references(() => users.id),
    source: text('source').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
    result: jsonb('result'),
    error: text('error'),
    createdAt: createdAt(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('parse_jobs_owner_idx').on(t.ownerId, t.status),
    index('parse_jobs_created_idx').on(t.createdAt),
  ],
);

/** Failed sign-ins per account and per address, shared by all instances, for rate limits. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  lockouts: integer('lockouts').notNull().default(0),
});

/** Append-only record of every mutation. The application has no update or delete path to it. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    userId: integer('user_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);

/** Workspace facts: organisation name, whether demo data is loaded, first-run state. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * Document registry. A row is either a stored document (source text and its reviewed extraction)
 * or a document known only by reference (`known_by_reference`: symbol, date, issuer — nothing
 * invented). `symbol_key` is the symbol folded (no diacritics, spaces or case) for resolution.
 */
export const documents = pgTable(
  'documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind'),
    symbol: text('symbol'),
    symbolKey: text('symbol_key'),
    issuer: text('issuer'),
    place: text('place'),
    issuedOn: date('issued_on', { mode: 'string' }),
    title: text('title'),
    searchText: text('search_text').notNull(),
    sourceFileName: text('source_file_name'),
    sourceText: text('source_text'),
    extract: jsonb('extract'),
    knownByReference: boolean('known_by_reference').notNull().default(false),
    ownerUnitId: integer('owner_unit_id').references(() => orgUnits.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('documents_symbol_key_idx').on(t.symbolKey), index('documents_issued_on_idx').on(t.issuedOn)],
);

export const documentReferences = pgTable(
  'document_references',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    targetDocumentId: integer('target_document_id').references(() => documents.id),
    kind: text('kind'),
    symbol: text('symbol').notNull(),
    symbolKey: text('symbol_key').notNull(),
    refDate: date('ref_date', { mode: 'string' }),
    issuer: text('issuer'),
    relation: text('relation').notNull(),
  },
  (t) => [
    index('document_references_doc_idx').on(t.documentId),
    index('document_references_target_idx').on(t.targetDocumentId),
    index('document_references_key_idx').on(t.symbolKey),
  ],
);

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

// ----- reporting cycle -----------------------------------------------------------------------

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

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Reminders to send. The unique key makes each reminder exist once; instances claim due rows
 * with FOR UPDATE SKIP LOCKED, so two servers never send the same one twice.
 */
export const reminderJobs = pgTable(
  'reminder_jobs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    periodId: integer('period_id').references(() => reportPeriods.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'string' }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    claimedBy: text('claimed_by'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('reminder_jobs_dedupe_key').on(t.dedupeKey),
    index('reminder_jobs_run_idx').on(t.doneAt, t.runAt),
  ],
);

/** Secret token of a user's calendar feed (ICS), revocable. */
export const calendarTokens = pgTable('calendar_tokens', {
  token: text('token').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

// ----- roll-ups --------------------------------------------------------------------------------

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

/** Invitations to join: a link with a secret token, a role and a unit, valid until it expires. */
export const invitations = pgTable('invitations', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** SHA-256 of the token in the link; the token itself is not stored. */
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull(),
  homeUnitId: integer('home_unit_id')
    .notNull()
    .references(() => orgUnits.id),
  createdBy: integer('created_by'),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  acceptedBy: integer('accepted_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
  /** Revoked by a manager, or when its inviter was deactivated: the link no longer opens. */
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  revokedBy: integer('revoked_by'),
  createdAt: createdAt(),
});
