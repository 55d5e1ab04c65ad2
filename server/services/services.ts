import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, DEFAULT_ATTACHMENT_QUOTAS } from '../config.ts';
import type { Database } from '../db/client.ts';
import { readRoutingOf } from '../db/read-routing.ts';
import { ApiTokenRepository } from '../repositories/api-token.repository.ts';
import { AttachmentRepository } from '../repositories/attachment.repository.ts';
import { AuditRepository } from '../repositories/audit.repository.ts';
import { DashboardRepository } from '../repositories/dashboard.repository.ts';
import { DocumentRepository } from '../repositories/document.repository.ts';
import { ExchangeRepository } from '../repositories/exchange.repository.ts';
import { IdempotencyRepository } from '../repositories/idempotency.repository.ts';
import { IndicatorRepository } from '../repositories/indicator.repository.ts';
import { InvitationRepository } from '../repositories/invitation.repository.ts';
import { NotificationRepository } from '../repositories/notification.repository.ts';
import { OrgRepository } from '../repositories/org.repository.ts';
import { OrgChangeRepository } from '../repositories/org-change.repository.ts';
import { ParseJobRepository } from '../repositories/parse-job.repository.ts';
import { PlanRepository } from '../repositories/plan.repository.ts';
import { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import { ReportProgressRepository } from '../repositories/report-progress.repository.ts';
import { ReportingRepository } from '../repositories/reporting.repository.ts';
import { RollupRepository } from '../repositories/rollup.repository.ts';
import { RollupPeriodRepository } from '../repositories/rollup-period.repository.ts';
import { RosterRepository } from '../repositories/roster.repository.ts';
import { SessionRepository } from '../repositories/session.repository.ts';
import { SettingsRepository } from '../repositories/settings.repository.ts';
import { TaskBoardRepository } from '../repositories/task-board.repository.ts';
import { UpwardRepository } from '../repositories/upward.repository.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { WorkNotificationRepository } from '../repositories/work-notification.repository.ts';
import { DiskFileStorage } from '../storage/file-storage.ts';
import { SpreadsheetReader } from '../workers/spreadsheet-reader.ts';
import { AccessService } from './access.service.ts';
import { ActivityService } from './activity.service.ts';
import { ApiTokenService } from './api-token.service.ts';
import { AuditService } from './audit.service.ts';
import { AuthService } from './auth.service.ts';
import { CompletenessService } from './completeness.service.ts';
import { ComputedIndicatorService } from './computed-indicator.service.ts';
import { ConsolidatedReportService } from './consolidated-report.service.ts';
import { DashboardService } from './dashboard.service.ts';
import { DeviceCookies } from './device-cookie.ts';
import { DocumentParseService } from './document-parse.service.ts';
import { DocumentRegistryService } from './document-registry.service.ts';
import { DrilldownService } from './drilldown.service.ts';
import { ExchangeService } from './exchange.service.ts';
import { ExchangeMappingService } from './exchange-mapping.service.ts';
import { HomeService } from './home.service.ts';
import { IdempotencyService } from './idempotency.service.ts';
import { IndicatorCatalogueService } from './indicator-catalogue.service.ts';
import { IndicatorFormService } from './indicator-form.service.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { NotificationService } from './notification.service.ts';
import { OrgService } from './org.service.ts';
import { OrgChangeService } from './org-change.service.ts';
import { OrgExchangeService } from './org-exchange.service.ts';
import { PlanService } from './plan.service.ts';
import { PlanComplianceService } from './plan-compliance.service.ts';
import { PlanDeriveService } from './plan-derive.service.ts';
import { PlanIssueService } from './plan-issue.service.ts';
import { PlanRenderService } from './plan-render.service.ts';
import { ReminderService } from './reminder.service.ts';
import { ReportAttachmentService } from './report-attachment.service.ts';
import { ReportExcelService } from './report-excel.service.ts';
import { ReportLifecycleService } from './report-lifecycle.service.ts';
import { ReportPages } from './report-pages.ts';
import { ReportReviewService } from './report-review.service.ts';
import { ReportScheduleService } from './report-schedule.service.ts';
import { RollupService } from './rollup.service.ts';
import { RosterService } from './roster.service.ts';
import { SessionCache } from './session-cache.ts';
import { SetupService } from './setup.service.ts';
import { TaskBoardService } from './task-board.service.ts';
import { UpwardReporting } from './upward-reporting.ts';
import { UserService } from './user.service.ts';
import { WorkNotifications } from './work-notifications.ts';

export interface ServiceOptions {
  /**
   * Loads the demo workspace (`server/seed/`) into these services, for the setup wizard's "demo"
   * start; given by `main.ts`, so the services never import the seed that uses them. Without it that
   * start loads nothing.
   */
  loadDemo?: () => Promise<unknown>;
  /** Mail for reminders; default from SMTP_URL, or log-only. */
  mailer?: Mailer;
  log?: (line: string) => void;
}

/** Wires repositories into services; each service names only the repositories it uses. */
export function createServices(
  database: Database,
  config: Pick<Config, 'sessionTtlHours'> &
    Partial<Pick<Config, 'dataDir' | 'smtpUrl' | 'mailFrom' | 'uploadMaxBytes' | 'parse' | 'attachments'>>,
  clock: () => Date = () => new Date(),
  options: ServiceOptions = {},
) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const orgRepository = new OrgRepository(database);
  const orgWrites = new OrgChangeRepository(database);
  const userRepository = new UserRepository(database);
  const sessionRepository = new SessionRepository(database);
  const planRepository = new PlanRepository(database);
  const reportingRepository = new ReportingRepository(database);
  const settings = new SettingsRepository(database);
  const audit = new AuditService(new AuditRepository(database));
  const access = new AccessService(orgRepository, clock);
  const rollupRepository = new RollupRepository(database);
  const rollupPeriods = new RollupPeriodRepository(database);
  const org = new OrgService(orgRepository, access);
  const orgChange = new OrgChangeService(
    database,
    orgRepository,
    orgWrites,
    org,
    access,
    audit,
    (date, reason) => rollupPeriods.markStale(date, reason),
  );
  const documentRegistry = new DocumentRegistryService(
    database,
    new DocumentRepository(database),
    access,
    audit,
  );
  const plans = new PlanService(database, planRepository, orgRepository, documentRegistry, access, audit);
  const rollup = new RollupService(database, rollupRepository, rollupPeriods, access, audit, log);
  const indicatorRows = new IndicatorRepository(database);
  const indicators = new IndicatorFormService(
    database,
    reportingRepository,
    planRepository,
    orgRepository,
    access,
    audit,
    indicatorRows,
  );
  const dashboardRepository = new DashboardRepository(database);
  const upwardReporting = new UpwardReporting(
    reportingRepository,
    planRepository,
    orgRepository,
    dashboardRepository,
    rollupRepository,
    audit,
    new UpwardRepository(database),
  );
  const schedules = new ReportScheduleService(
    database,
    reportingRepository,
    planRepository,
    orgRepository,
    access,
    audit,
    indicators,
    upwardReporting,
  );
  const reportLifecycleRepository = new ReportLifecycleRepository(database);
  const reportPages = new ReportPages(reportLifecycleRepository, access);
  const workNotifications = new WorkNotifications(new WorkNotificationRepository(database));
  const reports = new ReportLifecycleService(
    reportLifecycleRepository,
    reportingRepository,
    access,
    audit,
    reportPages,
    rollup.onSubmitted,
  );
  const reviews = new ReportReviewService(
    database,
    reportLifecycleRepository,
    access,
    audit,
    reportPages,
    rollup.onApprovalChange,
    workNotifications,
  );
  const reportProgress = new ReportProgressRepository(database);
  const completeness = new CompletenessService(
    database,
    rollupRepository,
    dashboardRepository,
    reportProgress,
    reportingRepository,
    orgRepository,
    access,
    schedules,
  );
  // Dashboards, drill-down and their exports: on a streaming replica when one is fresh enough.
  const reads = readRoutingOf(database);
  const dashboard = new DashboardService(
    dashboardRepository,
    planRepository,
    orgRepository,
    access,
    schedules,
    completeness,
    reads,
  );
  const notificationRepository = new NotificationRepository(database);
  const storage = new DiskFileStorage(join(config.dataDir ?? join(tmpdir(), 'tiendo'), 'files'));
  // uploaded spreadsheets (report templates, organisation files) parsed in worker processes
  const spreadsheets = new SpreadsheetReader(config.parse, log);
  const mailer =
    options.mailer ??
    createMailer(config.smtpUrl, config.mailFrom ?? 'Tiến Độ <khong-tra-loi@tiendo.local>', log);
  const sessionCache = new SessionCache();
  const auth = new AuthService(
    database,
    userRepository,
    sessionRepository,
    orgRepository,
    audit,
    config.sessionTtlHours * 3_600_000,
    sessionCache,
    new DeviceCookies(settings),
    clock,
  );
  const setup = new SetupService(
    database,
    userRepository,
    orgRepository,
    orgChange,
    settings,
    new InvitationRepository(database),
    access,
    audit,
    async () => options.loadDemo?.(),
  );
  const rosterRepository = new RosterRepository(database);
  const services = {
    setup,
    database,
    reads,
    settings,
    audit,
    access,
    org,
    orgChange,
    spreadsheets,
    orgExchange: new OrgExchangeService(
      database,
      orgRepository,
      orgWrites,
      orgChange,
      access,
      audit,
      spreadsheets,
    ),
    auth,
    users: new UserService(
      database,
      userRepository,
      sessionRepository,
      orgRepository,
      access,
      audit,
      sessionCache,
      (actor, userId) => setup.revokeInvitationsOf(actor, userId),
    ),
    documentParse: new DocumentParseService(new ParseJobRepository(database), config.parse, log),
    documentRegistry,
    plans,
    planIssue: new PlanIssueService(
      database,
      planRepository,
      orgRepository,
      documentRegistry,
      access,
      audit,
      plans,
    ),
    planDerive: new PlanDeriveService(database, planRepository, orgRepository, access, audit, plans),
    planCompliance: new PlanComplianceService(planRepository, orgRepository, access, plans),
    taskBoard: new TaskBoardService(new TaskBoardRepository(database), orgRepository, access),
    planRender: new PlanRenderService(plans),
    indicators,
    indicatorCatalogue: new IndicatorCatalogueService(
      database,
      reportingRepository,
      indicatorRows,
      access,
      audit,
    ),
    home: new HomeService(
      orgRepository,
      reportingRepository,
      access,
      schedules,
      reviews,
      plans,
      completeness,
      dashboard,
    ),
    schedules,
    reports,
    reviews,
    rollup,
    dashboard,
    completeness,
    drilldown: new DrilldownService(
      rollupRepository,
      dashboardRepository,
      reportingRepository,
      orgRepository,
      access,
      schedules,
      reads,
    ),
    consolidated: new ConsolidatedReportService(
      database,
      rollupRepository,
      reportingRepository,
      planRepository,
      orgRepository,
      access,
      audit,
      reports,
      dashboardRepository,
      reportProgress,
      completeness,
      upwardReporting,
    ),
    reportExcel: new ReportExcelService(
      database,
      reportingRepository,
      orgRepository,
      indicators,
      schedules,
      access,
      audit,
      spreadsheets,
      log,
      { lifecycle: reportLifecycleRepository, onSubmitted: rollup.onSubmitted },
    ),
    exchange: new ExchangeService(
      database,
      new ExchangeRepository(database),
      reportingRepository,
      orgRepository,
      indicators,
      schedules,
      access,
      audit,
      clock,
    ),
    exchangeMapping: new ExchangeMappingService(
      database,
      new ExchangeRepository(database),
      reportingRepository,
      planRepository,
      orgRepository,
      access,
      audit,
    ),
    attachments: new ReportAttachmentService(
      database,
      reportingRepository,
      new AttachmentRepository(database),
      storage,
      access,
      audit,
      config.attachments ?? {
        ...DEFAULT_ATTACHMENT_QUOTAS,
        maxFileBytes: config.uploadMaxBytes ?? DEFAULT_ATTACHMENT_QUOTAS.maxFileBytes,
      },
    ),
    notifications: new NotificationService(
      notificationRepository,
      userRepository,
      schedules,
      plans,
      auth,
      access,
    ),
    reminders: new ReminderService(
      database,
      notificationRepository,
      reportingRepository,
      userRepository,
      settings,
      schedules,
      mailer,
    ),
    idempotency: new IdempotencyService(database, new IdempotencyRepository(database)),
    rosters: new RosterService(database, rosterRepository, orgRepository, access, audit, spreadsheets),
    activities: new ActivityService(database, rosterRepository, planRepository, access, audit),
    computed: new ComputedIndicatorService(
      database,
      rosterRepository,
      reportingRepository,
      planRepository,
      access,
      audit,
      reports,
    ),
    apiTokens: new ApiTokenService(database, new ApiTokenRepository(database), orgRepository, access, audit),
    sessions: sessionRepository,
    sessionCache,
    userRepository,
    orgRepository,
  };
  return services;
}

export type Services = ReturnType<typeof createServices>;
