import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../documents/parse/read-limits.ts';

/** `VAR=` in a shell or a compose file means unset. */
const unsetWhenEmpty = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

/**
 * The whole configuration of the server, read from the environment once and validated.
 * No other module reads `process.env` (tests build a Config directly).
 */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: unsetWhenEmpty(z.string().optional()),
  TIENDO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  // Two at least: the first start holds one for its advisory lock (`db/startup-lock.ts`).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  // Streaming replicas for dashboard, drill-down and export reads (server/db/read-routing.ts).
  DATABASE_READ_URL: unsetWhenEmpty(z.string().optional()),
  DATABASE_READ_MAX_LAG_SECONDS: z.coerce.number().positive().max(3_600).default(5),
  TIENDO_DEMO: unsetWhenEmpty(z.enum(['auto', 'on', 'off', '1', '0', 'true', 'false']).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Tiến Độ <khong-tra-loi@tiendo.local>'),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  TIENDO_WEB: z.enum(['on', 'off']).default('on'),
  PARSE_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  PARSE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(180),
  PARSE_MEMORY_MB: z.coerce.number().int().min(128).max(16_384).default(512),
  PARSE_MAX_PDF_PAGES: z.coerce.number().int().min(1).default(DEFAULT_READ_LIMITS.maxPdfPages),
  PARSE_MAX_SCANNED_PAGES: z.coerce.number().int().min(1).default(DEFAULT_READ_LIMITS.maxScannedPages),
  PARSE_MAX_TEXT_CHARS: z.coerce.number().int().min(1_000).default(DEFAULT_READ_LIMITS.maxTextChars),
  ATTACHMENTS_PER_REPORT: z.coerce.number().int().min(1).max(10_000).default(30),
  ATTACHMENTS_REPORT_MAX_MB: z.coerce.number().positive().max(1_000_000).default(200),
  UPLOADS_PER_USER_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(60),
  UPLOAD_MB_PER_USER_PER_HOUR: z.coerce.number().positive().max(10_000_000).default(500),
  FILES_ORPHAN_GRACE_MINUTES: z.coerce.number().int().min(5).max(525_600).default(60),
  PDF_RENDER_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  PDF_RENDER_QUEUE: z.coerce.number().int().min(0).max(1_000).default(20),
  PDF_RENDER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
});

/** Document reading: worker processes and what one read may take (README, Configuration). */
export interface ParseConfig {
  /** Reads at once per instance; more wait in a queue. */
  workers: number;
  timeoutMs: number;
  memoryMb: number;
  limits: ReadLimits;
}

export const DEFAULT_PARSE_CONFIG: ParseConfig = {
  workers: 1,
  timeoutMs: 180_000,
  memoryMb: 512,
  limits: DEFAULT_READ_LIMITS,
};

/** What report attachments may take (README, Configuration); every refusal names its limit. */
export interface AttachmentQuotas {
  /** One file (the multipart limit too: a larger upload is refused, never cut). */
  maxFileBytes: number;
  /** Files on one report. */
  maxPerReport: number;
  /** Bytes of all the files of one report. */
  maxReportBytes: number;
  /** Files one user may upload in any hour. */
  userFilesPerHour: number;
  /** Bytes one user may upload in any hour. */
  userBytesPerHour: number;
  /** A file on disk that no row names is removed once it is this old (an upload in flight is younger). */
  orphanGraceMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_ATTACHMENT_QUOTAS: AttachmentQuotas = {
  maxFileBytes: 25 * MB,
  maxPerReport: 30,
  maxReportBytes: 200 * MB,
  userFilesPerHour: 60,
  userBytesPerHour: 500 * MB,
  orphanGraceMs: 3_600_000,
};

/** PDF rendering through LibreOffice: a bounded number at once per instance, a short queue, a time limit. */
export interface PdfRenderConfig {
  workers: number;
  maxQueued: number;
  timeoutMs: number;
}

export const DEFAULT_PDF_RENDER_CONFIG: PdfRenderConfig = { workers: 1, maxQueued: 20, timeoutMs: 120_000 };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir/db` is used. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per instance. */
  databasePoolSize: number;
  /** PostgreSQL `statement_timeout` of every session, in ms; 0 for none. */
  databaseStatementTimeoutMs: number;
  /**
   * Streaming replicas (`DATABASE_READ_URL`, comma-separated) that serve dashboard, drill-down and
   * export reads; empty: every read goes to `databaseUrl`. Refused on the embedded database.
   */
  databaseReadUrls: string[];
  /** A replica further behind the primary than this (ms) is not read; the primary answers instead. */
  databaseReadMaxLagMs: number;
  /**
   * `auto`: load the demo workspace into an empty database; `on`: load it if not yet loaded;
   * `off`: never. Unset, `auto` on the embedded database and `off` with `DATABASE_URL` (`demoModeOf`).
   */
  demo: DemoMode;
  logLevel: string;
  trustProxy: boolean;
  /**
   * With `trustProxy`, how many proxies stand in front of the server: the client's address is the
   * one that many hops back in `X-Forwarded-For`, never an entry the client wrote itself.
   */
  trustProxyHops: number;
  sessionTtlHours: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadMaxBytes: number;
  /** Serve (and build on first start) the web app; off for API-only instances behind a proxy. */
  serveWeb: boolean;
  parse: ParseConfig;
  attachments: AttachmentQuotas;
  pdfRender: PdfRenderConfig;
}

export type DemoMode = 'auto' | 'on' | 'off';

/**
 * Whether the demo workspace may load at start. A production database (`DATABASE_URL`) never gets
 * the demo accounts and their printed password unless asked (`TIENDO_DEMO=on` or `1`); the
 * embedded database, a trial on one machine, loads it into an empty workspace unless told `off`.
 */
export function demoModeOf(setting: string | undefined, databaseUrl: string | undefined): DemoMode {
  if (setting === 'on' || setting === '1' || setting === 'true') return 'on';
  if (setting === 'off' || setting === '0' || setting === 'false') return 'off';
  if (setting === 'auto') return 'auto';
  return databaseUrl ? 'off' : 'auto';
}

/**
 * The address to listen on. With `DATABASE_URL` (production, behind a reverse proxy on the same
 * machine) loopback unless `HOST` says otherwise: an instance reachable past its proxy lets a
 * client name its own `X-Forwarded-For`. The embedded database listens on every interface, so a
 * trial can be opened from the office network.
 */
export function listenHostOf(setting: string | undefined, databaseUrl: string | undefined): string {
  if (setting) return setting;
  return databaseUrl ? '127.0.0.1' : '0.0.0.0';
}

/** What the console says when the workspace has no account yet: how to open the first-run wizard. */
export function setupWizardHint(url: string): string[] {
  return [
    '',
    '  Chưa có tài khoản nào. Mở trình hướng dẫn thiết lập lần đầu để tạo quản trị viên và tổ chức:',
    `    ${url}/thiet-lap`,
    '  (No account yet: open the first-run setup wizard at the address above.)',
    '',
  ];
}

/**
 * The replica URLs of `DATABASE_READ_URL`: comma-separated PostgreSQL URLs. PGlite runs inside the
 * process and has no replica, so the setting without `DATABASE_URL` is refused, not ignored.
 */
export function readUrlsOf(setting: string | undefined, databaseUrl: string | undefined): string[] {
  if (!setting) return [];
  if (!databaseUrl)
    throw new Error(
      'Cấu hình sai ở biến môi trường DATABASE_READ_URL: CSDL nhúng (PGlite) không có bản sao để đọc; ' +
        'hãy đặt DATABASE_URL (PostgreSQL) hoặc bỏ DATABASE_READ_URL. ' +
        '(DATABASE_READ_URL needs DATABASE_URL: the embedded PGlite database has no replicas.)',
    );
  const urls = setting
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url))
      throw new Error(
        `Cấu hình sai ở biến môi trường DATABASE_READ_URL: "${url.replace(/\/\/[^@/]*@/, '//…@')}" không phải địa chỉ PostgreSQL (postgres://…)`,
      );
  }
  return urls;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Cấu hình sai ở biến môi trường ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: listenHostOf(e.HOST, e.DATABASE_URL),
    dataDir: resolve(e.TIENDO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseReadUrls: readUrlsOf(e.DATABASE_READ_URL, e.DATABASE_URL),
    databaseReadMaxLagMs: Math.round(e.DATABASE_READ_MAX_LAG_SECONDS * 1000),
    demo: demoModeOf(e.TIENDO_DEMO, e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    serveWeb: e.TIENDO_WEB === 'on',
    parse: {
      workers: e.PARSE_WORKERS,
      timeoutMs: e.PARSE_TIMEOUT_SECONDS * 1000,
      memoryMb: e.PARSE_MEMORY_MB,
      limits: {
        ...DEFAULT_READ_LIMITS,
        maxPdfPages: e.PARSE_MAX_PDF_PAGES,
        maxScannedPages: e.PARSE_MAX_SCANNED_PAGES,
        maxTextChars: e.PARSE_MAX_TEXT_CHARS,
      },
    },
    attachments: {
      maxFileBytes: Math.round(e.UPLOAD_MAX_MB * MB),
      maxPerReport: e.ATTACHMENTS_PER_REPORT,
      maxReportBytes: Math.round(e.ATTACHMENTS_REPORT_MAX_MB * MB),
      userFilesPerHour: e.UPLOADS_PER_USER_PER_HOUR,
      userBytesPerHour: Math.round(e.UPLOAD_MB_PER_USER_PER_HOUR * MB),
      orphanGraceMs: e.FILES_ORPHAN_GRACE_MINUTES * 60_000,
    },
    pdfRender: {
      workers: e.PDF_RENDER_WORKERS,
      maxQueued: e.PDF_RENDER_QUEUE,
      timeoutMs: e.PDF_RENDER_TIMEOUT_SECONDS * 1000,
    },
  };
}
