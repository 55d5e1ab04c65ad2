import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
} from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { apiCall, signIn } from './support/session.ts';

const SEED_002 = fileURLToPath(new URL('../resources/seeds/002_ecf9da9cd69f7705.txt', import.meta.url));

interface Parsed {
  text: string;
  extract: { documents: unknown[] };
}

describe('plans', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let planId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    await signIn(page, 'laichau');
    // The plan saved from seed 002 (the documents journey does the same through the review screen).
    const parsed = await apiCall<Parsed>(page, 'POST', '/api/documents/parse-text', {
      text: readFileSync(SEED_002, 'utf8'),
      source: '002_ecf9da9cd69f7705.txt',
    });
    const me = await apiCall<{ user: { homeUnitId: number } }>(page, 'GET', '/api/auth/me');
    const plan = await apiCall<{ id: number }>(page, 'POST', '/api/plans/from-document', {
      unitId: me.user.homeUnitId,
      document: parsed.extract.documents[0],
      sourceText: parsed.text,
      sourceFileName: '002_ecf9da9cd69f7705.txt',
    });
    planId = plan.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the saved plan with targets as sentences, tasks and reporting duties', async () => {
    await page.goto(`/ke-hoach/${planId}`);
    await page.getByRole('heading', { name: /^72\/KH-/ }).waitFor();
    await page.getByTestId('plan-targets').getByText('Đến năm 2025: trên 90%').first().waitFor();
    await page.getByTestId('plan-reporting').getByText('trước ngày 10/11 hằng năm').waitFor();
    expect(await page.getByTestId('plan-tasks').getByText('Chưa thực hiện').count()).toBeGreaterThan(0);
    await screenshot(page, '31-plan-page');
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('derives the implementing plan of a commune union', async () => {
    await page.getByRole('button', { name: 'Xây dựng kế hoạch thực hiện' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Đơn vị xây dựng kế hoạch').click();
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: 'Công đoàn xã Tam Đường' })
      .click();
    expect(await dialog.getByLabel('Báo cáo trước hạn của cấp trên (ngày)').inputValue()).toBe('10');
    await screenshot(page, '32-derive-dialog', false);
    await dialog.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await page.waitForURL(/\/ke-hoach\/\d+\/sua$/);
    await page.getByRole('heading', { name: 'Sửa dự thảo kế hoạch' }).waitFor();
  });

  it('raises an inherited target and saves the draft', async () => {
    const firstTarget = page.getByTestId('target-block').first();
    const value = firstTarget.getByLabel('Giá trị').first();
    await value.fill('96');
    await value.press('Tab');
    await firstTarget.getByText(/: trên 96%$/).waitFor();
    await screenshot(page, '33-derived-edit', false);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/\d+$/);
    await page
      .getByTestId('plan-targets')
      .getByText(/trên 96%/)
      .first()
      .waitFor();
  });

  it('issues the draft with the suggested number', async () => {
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const symbol = dialog.getByLabel('Số, ký hiệu');
    await expect.poll(() => symbol.inputValue()).toMatch(/^\d+\/KH-/);
    await screenshot(page, '34-issue-dialog', false);
    const issuedSymbol = await symbol.inputValue();
    await dialog.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: issuedSymbol }).waitFor();
    await page.getByText('Đã ban hành', { exact: true }).first().waitFor();
    await screenshot(page, '35-derived-issued', false);
  });

  it('shows on the parent plan who has issued, and exports CSV', async () => {
    await page.goto(`/ke-hoach/${planId}`);
    await page.getByRole('tab', { name: 'Tình hình ban hành của cấp dưới' }).click();
    const summary = page.getByTestId('compliance-summary');
    await expect.poll(() => summary.textContent()).toMatch(/^1\/\d+ đơn vị đã ban hành$/);
    await screenshot(page, '36-compliance', false);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Công đoàn xã Tam Đường');
  });

  it('downloads the plan as an official DOCX', async () => {
    await page.getByRole('tab', { name: 'Nội dung kế hoạch' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải DOCX' }).click(),
    ]);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.length).toBeGreaterThan(10_000);
  });

  it('lists the plan received from Lai Châu for a commune union on a 360-px phone', async () => {
    const phone = await browser.newPage({ baseURL: server.baseUrl, width: 360, height: 740 });
    await signIn(phone, 'congdoanxa');
    await phone.getByRole('button', { name: 'Mở menu' }).click();
    await phone.getByRole('menuitem', { name: 'Kế hoạch' }).click();
    const table = phone.getByTestId('plans-table');
    await table.getByRole('cell', { name: 'Liên đoàn Lao động tỉnh Lai Châu' }).first().waitFor();
    expect(await table.getByRole('link', { name: /^72\/KH-/ }).count()).toBeGreaterThan(0);
    await screenshot(phone, '37-plans-phone-360', false);
    const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
