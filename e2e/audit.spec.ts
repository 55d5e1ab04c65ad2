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

/** The administrator's audit trail: menu, filters, readable before/after, paging, Excel export. */
describe('audit trail journey', () => {
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

  it('is in the administrator’s menu and lists the newest entries with who and what', async () => {
    await signIn(page, 'admin');
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Nhật ký thao tác' })
      .click();
    await page.waitForURL(/\/nhat-ky/);
    await page.getByRole('heading', { name: 'Nhật ký thao tác', level: 1 }).waitFor();
    // The demo workspace and the sign-in itself left entries: the newest is this sign-in.
    const firstRow = page.locator('.audit-results tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.textContent()).toContain('auth.login');
    await screenshot(page, 'audit-01-list');
    await page.getByRole('button', { name: 'Trợ giúp về màn hình này' }).click();
    const help = page.getByRole('dialog', { name: 'Nhật ký thao tác' });
    await help.getByText('không ai sửa hay xoá được', { exact: false }).waitFor();
    await help.getByRole('button', { name: 'Đã hiểu' }).click();
    await help.waitFor({ state: 'hidden' });
  });

  it('has no serious accessibility problems', async () => {
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('filters by action and shows the before and after as a table of changed fields', async () => {
    await page.getByLabel('Hành động').fill('auth.login');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const rows = page.locator('.audit-results tbody tr.ant-table-row');
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes('auth.login'));
      })
      .toBe(true);

    // An entry with a before and an after: the organisation import or creation of the demo.
    await page.getByLabel('Hành động').fill('');
    await page.getByLabel('Loại đối tượng').fill('org_unit');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('org_unit');
    await rows.first().getByRole('button').first().click();
    const diff = page.locator('table.audit-diff').first();
    await diff.waitFor();
    expect(await diff.locator('thead').textContent()).toContain('Trước');
    expect(await diff.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-02-diff');
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('pages to older entries and back', async () => {
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    const firstId = async () =>
      (await page.locator('.audit-results tbody tr.ant-table-row').first().getAttribute('data-row-key')) ??
      '';
    await expect.poll(firstId).not.toBe('');
    const newest = await firstId();
    const older = page.getByRole('button', { name: 'Trang cũ hơn' });
    if (await older.isDisabled()) return; // fewer than one page of entries
    await older.click();
    await page.getByText('Trang 2').waitFor();
    await expect.poll(firstId).not.toBe(newest);
    expect(Number(await firstId())).toBeLessThan(Number(newest));
    await page.getByRole('button', { name: 'Trang mới hơn' }).click();
    await expect.poll(firstId).toBe(newest);
  });

  it('exports the filtered entries to an Excel file', async () => {
    await page.getByLabel('Loại đối tượng').fill('org_unit');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const link = page.getByRole('link', { name: 'Xuất Excel' });
    await expect.poll(() => link.getAttribute('href')).toContain('objectType=org_unit');
    // The link's file, fetched with the page's session (what the browser downloads).
    const response = await page.request.get((await link.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/nhat-ky-\d{4}-\d{2}-\d{2}\.xlsx/);
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
    expect(pageErrors).toEqual([]);
  });
});
