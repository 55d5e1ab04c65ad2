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

/** The main menu's link names, read from the page (the phone's drawer opened first). */
async function menuLinks(page: Page): Promise<string[]> {
  if ((page.viewportSize()?.width ?? 1366) < 992) await page.getByRole('button', { name: 'Mở menu' }).click();
  const nav = page.getByRole('navigation', { name: 'Menu chính' });
  // the pages the server's access policy gives (the menu drawn from the role alone until then)
  await page.locator('nav.side-nav[data-ready="true"]').waitFor();
  const names = (await nav.getByRole('link').allInnerTexts()).map((n) => n.trim());
  if ((page.viewportSize()?.width ?? 1366) < 992) await page.keyboard.press('Escape');
  return names;
}

async function expectAxeClean(page: Page) {
  expect(describeViolations(await seriousAxeViolations(page))).toBe('');
}

/**
 * Each role lands on its home and sees its work at first sight, with only the menu items it can
 * use: the national leader, a province's manager, a commune officer, a grassroots chair on a phone,
 * the administrator; then the manager finds, adds and retires an indicator on the Chỉ số page.
 */
describe('each role’s home', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const pageErrors: string[] = [];
  const pages: Page[] = [];

  async function open(username: string, size?: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ baseURL: server.baseUrl, ...size });
    watchPageErrors(page, pageErrors);
    pages.push(page);
    await signIn(page, username);
    await page.waitForURL((url) => url.pathname === '/');
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the national leader sees every plan with what is off track and who is late, no report to fill', async () => {
    const page = await open('lanhdao');
    await page.getByRole('heading', { level: 1, name: 'Tình hình thực hiện' }).waitFor();
    await page.getByTestId('home-progress').waitFor();
    await page.getByTestId('home-late').waitFor();
    expect(await page.getByTestId('home-due').count()).toBe(0);
    const menu = await menuLinks(page);
    expect(menu).toEqual(expect.arrayContaining(['Trang chủ', 'Bảng điều khiển', 'Kế hoạch', 'Chỉ số']));
    expect(menu).not.toContain('Báo cáo của tôi');
    expect(menu).not.toContain('Duyệt báo cáo');
    await screenshot(page, 'role-home-01-leader');
    await expectAxeClean(page);
  });

  it("a province's manager sees the day's work: reports to review, plans, units late, deadlines", async () => {
    const page = await open('laichau');
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    for (const id of ['home-review', 'home-plans', 'home-late', 'home-deadlines', 'home-progress'])
      await page.getByTestId(id).waitFor();
    const menu = await menuLinks(page);
    expect(menu).toEqual(
      expect.arrayContaining(['Duyệt báo cáo', 'Báo cáo tổng hợp', 'Người dùng', 'Chỉ số']),
    );
    expect(menu).not.toContain('Nhật ký thao tác');
    await screenshot(page, 'role-home-02-province-manager');
    await expectAxeClean(page);
  });

  it('a commune officer reviews its units and reports its own', async () => {
    const page = await open('congdoanxa');
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByTestId('home-due').waitFor();
    await page.getByTestId('home-review').waitFor();
    expect(await page.getByTestId('home-plans').count()).toBe(0);
    expect(await menuLinks(page)).toEqual(expect.arrayContaining(['Báo cáo của tôi', 'Duyệt báo cáo']));
    await screenshot(page, 'role-home-03-commune-officer');
    await expectAxeClean(page);
  });

  it('a grassroots chair on a phone sees its reports due and returned, and no menu item it cannot use', async () => {
    const page = await open('cdcs', { width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByTestId('home-due').waitFor();
    await page.getByTestId('home-returned').waitFor();
    expect(await page.getByTestId('home-review').count()).toBe(0);
    await screenshot(page, 'role-home-04-grassroots-phone');
    await expectAxeClean(page);
    const menu = await menuLinks(page);
    expect(menu).toContain('Báo cáo của tôi');
    for (const hidden of ['Duyệt báo cáo', 'Báo cáo tổng hợp', 'Tình hình báo cáo', 'Người dùng'])
      expect(menu).not.toContain(hidden);
    await page.getByRole('link', { name: 'Tất cả báo cáo của đơn vị' }).click();
    await page.waitForURL(/\/bao-cao$/);
  });

  it('the administrator sees the audit log in the menu', async () => {
    const page = await open('admin');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await menuLinks(page)).toEqual(
      expect.arrayContaining(['Nhật ký thao tác', 'Người dùng', 'Chỉ số']),
    );
    await screenshot(page, 'role-home-05-admin');
    await expectAxeClean(page);
  });

  it('the manager finds an indicator without diacritics, adds one with no code (a ratio in %), and retires it', async () => {
    const page = pages[1]!;
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Chỉ số' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chỉ số' }).waitFor();
    await page.getByLabel('Tìm chỉ số').fill('tap huan');
    await page
      .getByRole('cell', { name: /được tập huấn/ })
      .first()
      .waitFor();
    await page.getByLabel('Tìm chỉ số').fill('');
    await page.getByRole('button', { name: 'Thêm chỉ số' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm chỉ số mới' });
    await dialog.waitFor();
    await dialog.getByLabel('Tên chỉ số').fill('Tỷ lệ đoàn viên nữ được khám sức khỏe định kỳ');
    await dialog.getByLabel('Tử số là').fill('Số đoàn viên nữ được khám');
    await dialog.getByLabel('Mẫu số là').fill('Tổng số đoàn viên nữ');
    await dialog.getByText('Chỉ số tỷ lệ luôn tính bằng %.').waitFor();
    await expectAxeClean(page);
    await screenshot(page, 'role-home-06-indicator-new');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel('Tìm chỉ số').fill('kham suc khoe');
    const row = page.getByRole('row', { name: /khám sức khỏe định kỳ/ });
    await row.getByText('CS-DVNKSKDK').waitFor();
    await row.getByText('%', { exact: true }).waitFor();
    await screenshot(page, 'role-home-07-indicators');
    await row.getByRole('button', { name: /^Ngừng dùng chỉ số/ }).click();
    await row.waitFor({ state: 'detached' });
    const retired = (await (
      await page.request.get('/api/indicators/catalogue?q=kham%20suc%20khoe&retired=only')
    ).json()) as {
      indicators: { code: string; unit: string; retiredAt: string | null }[];
    };
    expect(retired.indicators).toEqual([expect.objectContaining({ code: 'CS-DVNKSKDK', unit: '%' })]);
    await expectAxeClean(page);
  });

  it('the manager makes an indicator in place for a target of the plan, and it is bound at once', async () => {
    const page = pages[1]!;
    const { plans } = (await (await page.request.get('/api/plans')).json()) as {
      plans: { id: number; status: string; symbol: string | null; unitName: string }[];
    };
    const plan = plans.find((p) => p.status === 'issued' && p.symbol?.startsWith('72/KH'))!;
    await page.goto(`/ke-hoach/${plan.id}`);
    await page.getByRole('tab', { name: 'Chỉ số đo chỉ tiêu' }).click();
    const tab = page.getByTestId('target-indicators');
    await tab.getByRole('button', { name: 'Tạo chỉ số mới cho chỉ tiêu 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm chỉ số mới' });
    await dialog.waitFor();
    // the target's words to start from; the form's ids are its own (no clash with a dialog beneath)
    expect((await dialog.getByLabel('Tên chỉ số').inputValue()).length).toBeGreaterThan(10);
    await dialog.getByLabel('Tên chỉ số').fill('Số buổi tuyên truyền về quyền trẻ em');
    await dialog.getByText('Đếm', { exact: true }).click();
    await dialog.getByLabel('Đơn vị tính').fill('buổi');
    await expectAxeClean(page);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = tab.getByRole('row').filter({ has: page.getByRole('cell', { name: '1', exact: true }) });
    await row.getByText('Đã xác nhận', { exact: true }).waitFor();
    const { targets } = (await (
      await page.request.get(`/api/plans/${plan.id}/indicator-suggestions`)
    ).json()) as {
      targets: { boundIndicatorId: number | null }[];
    };
    const { indicators } = (await (await page.request.get('/api/indicators')).json()) as {
      indicators: { id: number; name: string; code: string }[];
    };
    const made = indicators.find((i) => i.name === 'Số buổi tuyên truyền về quyền trẻ em')!;
    expect(made.code).toMatch(/^CS-/);
    expect(targets[0]!.boundIndicatorId).toBe(made.id);
    await screenshot(page, 'role-home-08-indicator-in-place', false);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
