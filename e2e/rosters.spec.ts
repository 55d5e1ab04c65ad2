import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
  watchPageErrors,
} from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { signIn } from './support/session.ts';

/**
 * Issue 20 in the browser: a province's manager opens the roster from the unit's page (the stated
 * purpose shown), adds a key cadre, and records a training that cadre attended.
 */
describe('rosters and activities journey', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl });
    watchPageErrors(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reaches the roster from the unit's page and shows why the data is kept", async () => {
    await signIn(page, 'laichau');
    await page.goto('/to-chuc');
    await page.getByTestId('unit-detail').getByRole('link', { name: 'Danh sách cán bộ' }).click();
    await page.waitForURL(/\/danh-sach-can-bo\?don-vi=\d+/);
    await page.getByRole('heading', { name: 'Danh sách cán bộ', level: 1 }).waitFor();
    await page.getByText('Nghị định 13/2023/NĐ-CP', { exact: false }).first().waitFor();
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
  });

  it('adds a key cadre to the roster', async () => {
    await page.getByRole('button', { name: 'Thêm người' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm người vào danh sách' });
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Thử Nghiệm');
    await dialog.getByLabel('Năm sinh').fill('1985');
    await dialog.getByLabel('Chức vụ').fill('Phó Chủ tịch');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr.ant-table-row', { hasText: 'Nguyễn Thị Thử Nghiệm' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Cán bộ chủ chốt');
    await screenshot(page, 'rosters-01-list');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
  });

  it('records a training the cadre attended', async () => {
    await page.getByRole('link', { name: 'Hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ghi hoạt động' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi hoạt động mới' });
    await dialog.getByLabel('Tên hoạt động').fill('Tập huấn cán bộ chủ chốt đợt 1');
    await dialog.getByLabel('Người trong danh sách tham gia').click();
    await page.locator('.ant-select-item-option', { hasText: 'Nguyễn Thị Thử Nghiệm' }).click();
    await dialog.getByLabel('Tên hoạt động').click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr.ant-table-row', { hasText: 'Tập huấn cán bộ chủ chốt đợt 1' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Tập huấn');
    expect(await row.locator('td').nth(3).textContent()).toBe('1');
    await screenshot(page, 'rosters-02-activities');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
