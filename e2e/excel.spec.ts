import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
} from './support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server.ts';

// A grassroots officer's Excel route, in the browser: the own report's template downloaded from
// the report page, filled in Excel (here exceljs), uploaded — a bad cell named first — then saved
// and sent upward in one step.

const SCHEDULE_NAME = 'Báo cáo năm nhập bằng Excel (kiểm thử e2e)';
/** The template's hidden key row and first data row. */
const KEY_ROW = 8;
const FIRST = 9;

async function apiSession(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as T };
  };
}

/** Lai Châu's plan 72/KH-LĐLĐ gets an annual schedule for its grassroots unions: a ratio and a count. */
async function ensureSchedule(baseUrl: string): Promise<{ ratioId: number; countId: number }> {
  const api = await apiSession(baseUrl, 'laichau');
  const plans = await api<{ plans: { id: number; symbol: string | null; unitName: string }[] }>(
    'GET',
    '/api/plans',
  );
  const plan = plans.body.plans.find((p) => p.symbol?.startsWith('72/KH') && p.unitName.includes('Lai Châu'));
  if (!plan) throw new Error('no plan 72/KH of Lai Châu');
  const indicator = async (input: Record<string, unknown>) => {
    const created = await api<{ id: number }>('POST', '/api/indicators', input);
    if (created.status !== 201)
      throw new Error(`indicator: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const ratioId = await indicator({
    code: 'E2E-XL-TAPHUAN',
    name: 'Cán bộ được tập huấn (Excel)',
    kind: 'ratio',
    unit: '%',
    numeratorLabel: 'Được tập huấn',
    denominatorLabel: 'Tổng số cán bộ',
  });
  const countId = await indicator({
    code: 'E2E-XL-BUOI',
    name: 'Số buổi sinh hoạt (Excel)',
    kind: 'count',
    unit: 'buổi',
  });
  const created = await api('POST', '/api/schedules', {
    planId: plan.id,
    dutyIndex: null,
    name: SCHEDULE_NAME,
    frequency: 'annual',
    dueRule: '11-10',
    fromYear: 2024,
    toYear: 2026,
    leadDays: 5,
    unitTypes: ['grassroots'],
    form: {
      name: SCHEDULE_NAME,
      indicators: [
        { indicatorId: ratioId, required: true },
        { indicatorId: countId, required: false },
      ],
      sections: [{ key: 'results', title: 'Kết quả thực hiện', required: true }],
      allowAttachments: false,
    },
  });
  if (created.status !== 201) throw new Error(`schedule: ${created.status} ${JSON.stringify(created.body)}`);
  return { ratioId, countId };
}

describe('a grassroots officer reports with Excel', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let ids: { ratioId: number; countId: number };
  let year: string;
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-e2e-excel-'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ids = await ensureSchedule(server.baseUrl);
    const meta = (await (await fetch(`${server.baseUrl}/api/meta`)).json()) as { today: string };
    year = meta.today.slice(0, 4);
    page = await browser.newPage({ baseURL: server.baseUrl, width: 1280, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The template as the officer's own sheet: the key row says where each figure goes. */
  async function filled(template: Buffer, values: Record<string, ExcelJS.CellValue>, name: string) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(KEY_ROW).eachCell((cell, column) => {
      if (cell.text in values) sheet.getRow(FIRST).getCell(column).value = values[cell.text]!;
    });
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    return path;
  }

  it('downloads its own template from the report page, is told the bad cell, then saves and sends in one step', async () => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('cdcs');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    await page.goto('/bao-cao');
    const card = page
      .locator('.due-card')
      .filter({ hasText: SCHEDULE_NAME })
      .filter({ hasText: `Năm ${year}` });
    await card.getByRole('button', { name: /Bắt đầu làm|Tiếp tục/ }).click();
    await page.waitForURL(/\/bao-cao\/\d+$/);

    const excel = page.locator('.excel-exchange');
    await excel.getByText(/^Tải biểu Excel của Công đoàn/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      excel.getByRole('button', { name: 'Tải biểu Excel của đơn vị' }).click(),
    ]);
    const template = readFileSync((await download.path())!);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(template as unknown as ArrayBuffer);
    // one row, the officer's own unit, under the unit / period / deadline heading
    expect(sheet.worksheets[0]!.getCell('A4').text).toBe('Hạn gửi:');
    expect(sheet.worksheets[0]!.getRow(FIRST + 1).getCell(1).text).toBe('');

    const n = `v:${ids.ratioId}:total:n`;
    const d = `v:${ids.ratioId}:total:d`;
    const count = `v:${ids.countId}:total:n`;
    const upload = excel.locator('input[type=file]');
    await upload.setInputFiles(
      await filled(
        template,
        { [n]: 7, [d]: 9, [count]: 'mười', 's:results': 'Đã tập huấn 7 cán bộ.' },
        'sai.xlsx',
      ),
    );
    const preview = page.getByTestId('excel-preview');
    await preview.getByText('Tệp sai.xlsx có 1 ô chưa đúng; chưa lưu gì.').waitFor();
    await preview.getByText(/"mười" không phải là số\./).waitFor();
    await screenshot(page, '60-excel-bad-cell', false);
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');

    await upload.setInputFiles(
      await filled(
        template,
        { [n]: 7, [d]: 9, [count]: '1.234', 's:results': 'Đã tập huấn 7 cán bộ.' },
        'dung.xlsx',
      ),
    );
    await preview.getByText('Tệp dung.xlsx hợp lệ: 1 báo cáo sẵn sàng để lưu.').waitFor();
    await preview.getByRole('button', { name: 'Lưu và gửi lên cấp trên' }).click();
    await page.getByText('Đã lưu 1 báo cáo từ Excel và gửi 1 báo cáo lên cấp trên.').first().waitFor();
    // the page shows the report as sent, read-only, with the figures from the file
    await page.locator('.report-page').getByText('Đã gửi', { exact: true }).first().waitFor();
    await expect(page.locator('.report-page').textContent()).resolves.toMatch(/7 \/ 9 = 77,8%.*1\.?234 buổi/);
    await screenshot(page, '61-excel-sent', false);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
