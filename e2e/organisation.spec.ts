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
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server.ts';

const PROVINCE_NODES = '.org-tree [data-unit-type="province"]';

/** The date picker takes dd/mm/yyyy typed in and applies it on Enter. */
async function chooseStructureDate(page: Page, ddmmyyyy: string): Promise<void> {
  const input = page.getByLabel('Cơ cấu tại ngày');
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(ddmmyyyy);
}

async function countProvinces(page: Page, expected: number): Promise<number> {
  await expect.poll(() => page.locator(PROVINCE_NODES).count(), { timeout: 15_000 }).toBe(expected);
  return page.locator(PROVINCE_NODES).count();
}

describe('organisation journey', () => {
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

  it('sends a signed-out visitor to the Vietnamese sign-in page', async () => {
    await page.goto('/to-chuc');
    await page.waitForURL(/\/dang-nhap/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.getByLabel('Mật khẩu').waitFor();
    await page.getByText('DỮ LIỆU MẪU').waitFor();
    await screenshot(page, '01-login');
  });

  it('has no serious accessibility problems on the sign-in page', async () => {
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('names the missing field and rejects a wrong password in Vietnamese', async () => {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
    await page.getByText('Vui lòng nhập mật khẩu.').waitFor();
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await screenshot(page, '02-login-error');
  });

  it('signs in and shows the organisation in Vietnamese with the demo tag', async () => {
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/to-chuc/);
    await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor();
    await page.getByTestId('demo-tag').waitFor();
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Tổ chức' })
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Người dùng' })
      .waitFor();
  });

  it('shows 34 provinces under the national federation today', async () => {
    expect(await countProvinces(page, 34)).toBe(34);
    await screenshot(page, '03-org-today');
  });

  it('shows the 63 provinces of 30/06/2025', async () => {
    await chooseStructureDate(page, '30/06/2025');
    expect(await countProvinces(page, 63)).toBe(63);
    expect(page.url()).toContain('ngay=2025-06-30');
    await screenshot(page, '04-org-2025-06-30');
  });

  it('opens LĐLĐ tỉnh Hưng Yên and shows its lineage: Thái Bình and the former Hưng Yên', async () => {
    await chooseStructureDate(page, '01/07/2025');
    await countProvinces(page, 34);
    await page.locator('.org-tree [data-unit-code="LDLD-33-2025"]').click();
    const detail = page.getByTestId('unit-detail');
    await detail.getByRole('heading', { name: 'Liên đoàn Lao động tỉnh Hưng Yên' }).waitFor();
    const predecessors = detail.getByTestId('lineage-back');
    await expect.poll(() => predecessors.count()).toBe(2);
    const names = (await predecessors.allTextContents()).join(' | ');
    expect(names).toContain('Thái Bình');
    expect(names).toContain('Hưng Yên');
    expect(names).toContain('LDLD-33');
    await detail.getByText('Tổng Liên đoàn Lao động Việt Nam').first().waitFor();
    await screenshot(page, '05-unit-hung-yen');
  });

  it('finds Thái Bình typed without accents and shows it on its last day, merged into Hưng Yên', async () => {
    await page.getByLabel('Tìm đơn vị').fill('thai binh');
    const results = page.getByTestId('org-search-results');
    const result = results.getByRole('button', { name: /Liên đoàn Lao động tỉnh Thái Bình/ });
    await result.waitFor();
    await screenshot(page, '06-search-thai-binh');
    await result.click();
    await page.waitForURL(/ngay=2025-06-30/);
    const detail = page.getByTestId('unit-detail');
    await detail.getByRole('heading', { name: 'Liên đoàn Lao động tỉnh Thái Bình' }).waitFor();
    const successors = detail.getByTestId('lineage-forward');
    await expect.poll(() => successors.count()).toBe(1);
    expect(await successors.textContent()).toContain('Hưng Yên');
  });

  it('has no serious accessibility problems on the organisation page', async () => {
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('lists users and names the missing fields of a new user', async () => {
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Người dùng' })
      .click();
    await page.getByRole('heading', { name: 'Người dùng' }).waitFor();
    await page.getByRole('cell', { name: 'laichau', exact: true }).waitFor();
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
    await dialog.getByText('Vui lòng nhập mật khẩu.').waitFor();
    await dialog.getByText('Vui lòng chọn đơn vị.').waitFor();
    await screenshot(page, '11-users-add', false);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('fits a 360-px phone, with the menu in a drawer', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/to-chuc');
    await countProvinces(page, 34);
    await screenshot(page, '07-org-phone-360', false);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Người dùng' })
      .waitFor();
    await screenshot(page, '08-phone-menu', false);
    await page.keyboard.press('Escape');
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Người dùng' })
      .waitFor({ state: 'hidden' });
  });

  it('opens a unit in a full-screen panel on the phone', async () => {
    await page.locator('.org-tree [data-unit-code="LDLD-33-2025"]').click();
    const detail = page.getByTestId('unit-detail');
    await detail.getByTestId('lineage-back').first().waitFor();
    expect(await detail.isVisible()).toBe(true);
    await screenshot(page, '09-phone-unit', false);
  });

  it('tells how long to wait after too many failed sign-ins', async () => {
    const fresh = await browser.newPage({ baseURL: server.baseUrl, width: 360, height: 740 });
    await fresh.goto('/dang-nhap');
    const error = fresh.getByTestId('login-error');
    for (let attempt = 0; attempt < 12; attempt++) {
      await fresh.getByLabel('Tên đăng nhập').fill('laichau');
      await fresh.getByLabel('Mật khẩu').fill(`wrong-password-${attempt}`);
      const [response] = await Promise.all([
        fresh.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        fresh.getByRole('button', { name: 'Đăng nhập' }).click(),
      ]);
      if (response.status() === 429) break;
    }
    await expect.poll(() => error.textContent()).toMatch(/quá nhiều lần.*\d+ (giây|phút)/);
    await screenshot(fresh, '10-login-too-many-attempts', false);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
