import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  SCREENSHOT_DIR,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
  watchPageErrors,
} from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { pickTreeUnit, signIn } from './support/session.ts';

/**
 * The loop closed upward, every step clicked (issue 17): the nation writes a plan, Lai Châu derives
 * its own from it, and its commune Tân Phong's from that; one reporting schedule made on the commune's
 * plan makes the periods the province and the nation receive in. A grassroots union reports; the
 * commune approves it, consolidates and sends up; the province approves that in its review queue,
 * consolidates and sends up; the nation approves, and its consolidated report holds the grassroots
 * union's figure and text. Screenshots: `artifacts/screenshots/loop-NN-*.png`.
 */

const TITLE = 'Kế hoạch tổ chức hoạt động chăm lo cho con đoàn viên (vòng báo cáo lên)';
const SCHEDULE_NAME = 'Báo cáo năm về hoạt động chăm lo (vòng lên)';
const CARE = 'TE_HD_CHAMLO';
const ACTIVITIES = '7';
const GRASSROOTS_TEXT = 'Tổ chức 7 hoạt động chăm lo cho con đoàn viên nhân dịp 1/6 và Tết Trung thu.';
const LAI_CHAU = 'Liên đoàn Lao động tỉnh Lai Châu';
const TAN_PHONG = 'Công đoàn phường Tân Phong';

const shot = (page: Page, step: string, name: string) => screenshot(page, `loop-${step}-${name}`, false);

async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(describeViolations(await seriousAxeViolations(page)), where).toBe('');
}

async function openMenuItem(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name, exact: true }).click();
}

/** antd's Select shows its options in a virtual list: typed to narrow it, the option clicked by its text. */
async function choosePlan(page: Page, unitName: string): Promise<void> {
  const field = page.getByLabel('Kế hoạch', { exact: true });
  await field.click();
  await field.fill('vòng báo cáo lên');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: TITLE })
    .filter({ hasText: `(${unitName})` })
    .first()
    .click();
}

/** The review queue's card of a report of the schedule from a unit, opened. */
async function openFromQueue(page: Page, unitName: string): Promise<void> {
  await openMenuItem(page, 'Duyệt báo cáo');
  const item = page
    .getByTestId('review-queue')
    .locator('.due-card')
    .filter({ hasText: SCHEDULE_NAME })
    .filter({ hasText: unitName });
  await item.waitFor();
  await item.getByRole('button').click();
  await page.waitForURL(/\/bao-cao\/\d+$/);
}

async function approveOpenReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Duyệt', exact: true }).click();
  await page.locator('.report-header .report-status').getByText('Đã duyệt').waitFor();
}

/** "Báo cáo tổng hợp" of the unit's plan, its texts compiled, sent to the level above. */
async function consolidateAndSend(page: Page, unitName: string, step: string): Promise<void> {
  await openMenuItem(page, 'Báo cáo tổng hợp');
  await page.getByRole('heading', { name: 'Báo cáo tổng hợp', level: 1 }).waitFor();
  await choosePlan(page, unitName);
  const results = page.getByLabel(/^1\. Kết quả thực hiện/);
  await results.waitFor();
  await expect.poll(() => results.inputValue(), { timeout: 10_000 }).toContain(GRASSROOTS_TEXT);
  const send = page.getByRole('button', { name: 'Gửi lên cấp trên' });
  expect(await send.isEnabled()).toBe(true);
  await expectAxeClean(page, `consolidated report of ${unitName}`);
  await shot(page, step, 'consolidated');
  await send.click();
  const confirm = page.getByRole('dialog', { name: 'Gửi báo cáo tổng hợp lên cấp trên?' });
  await confirm.getByRole('button', { name: 'Gửi lên cấp trên' }).click();
  await page.getByRole('link', { name: 'Mở báo cáo đã gửi' }).click();
  await page.waitForURL(/\/bao-cao\/\d+$/);
  await page.locator('.report-header .report-status').getByText('Đã gửi').waitFor();
}

describe('the loop closed upward: grassroots → commune → province → nation', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let nation: Page;
  let province: Page;
  let commune: Page;
  let grassroots: Page;
  let year = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const meta = (await (await fetch(`${server.baseUrl}/api/meta`)).json()) as { today: string };
    year = meta.today.slice(0, 4);
    const open = async () => {
      const page = await browser.newPage({ baseURL: server.baseUrl, width: 1366, height: 860 });
      watchPageErrors(page, pageErrors);
      return page;
    };
    [nation, province, commune, grassroots] = [await open(), await open(), await open(), await open()];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('1. the nation writes its plan and Lai Châu’s implementing plan is derived from it', async () => {
    await signIn(nation, 'admin');
    await openMenuItem(nation, 'Kế hoạch');
    await nation.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    const dialog = nation.getByRole('dialog', { name: 'Tạo kế hoạch mới' });
    await dialog.getByLabel('Trích yếu').fill(TITLE);
    await dialog.getByRole('button', { name: 'Tạo và soạn tiếp' }).click();
    await nation.waitForURL(/\/ke-hoach\/\d+\/sua$/);
    await nation.getByRole('button', { name: 'Lưu', exact: true }).click();
    await nation.waitForURL(/\/ke-hoach\/\d+$/);
    await shot(nation, '01', 'national-plan');

    await nation.getByRole('button', { name: 'Xây dựng kế hoạch thực hiện' }).click();
    const derive = nation.getByRole('dialog');
    await pickTreeUnit(nation, derive.getByLabel('Đơn vị xây dựng kế hoạch'), LAI_CHAU);
    await derive.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await nation.waitForURL(/\/ke-hoach\/\d+\/sua$/);
    await nation.getByRole('button', { name: 'Lưu', exact: true }).click();
    await nation.waitForURL(/\/ke-hoach\/\d+$/);
  });

  it('2. Lai Châu derives and issues Tân Phong’s plan, and asks its grassroots unions for a report', async () => {
    await signIn(province, 'laichau');
    await openMenuItem(province, 'Kế hoạch');
    await province
      .getByRole('row')
      .filter({ hasText: TITLE })
      .filter({ hasText: 'Lai Châu' })
      .getByRole('link', { name: TITLE })
      .first()
      .click();
    await province.waitForURL(/\/ke-hoach\/\d+$/);
    await province.getByRole('button', { name: 'Xây dựng kế hoạch thực hiện' }).click();
    const derive = province.getByRole('dialog');
    await pickTreeUnit(province, derive.getByLabel('Đơn vị xây dựng kế hoạch'), TAN_PHONG);
    await derive.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await province.waitForURL(/\/ke-hoach\/\d+\/sua$/);
    await province.getByRole('button', { name: 'Lưu', exact: true }).click();
    await province.waitForURL(/\/ke-hoach\/\d+$/);

    await province.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const issue = province.getByRole('dialog');
    const symbol = issue.getByLabel('Số, ký hiệu');
    await expect.poll(() => symbol.inputValue(), { timeout: 10_000 }).toMatch(/^\d+\/KH-/);
    await issue.getByLabel('Thẩm quyền ký').click();
    await province
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'TM. — thay mặt tập thể' })
      .first()
      .click();
    await issue.getByLabel('Thay mặt / ký thay cho').fill('BAN CHẤP HÀNH');
    await issue.getByLabel('Chức vụ người ký').fill('CHỦ TỊCH');
    await issue.getByLabel('Họ và tên người ký').fill('Lò Văn Minh');
    await issue.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await issue.waitFor({ state: 'hidden' });
    await province.getByText('Đã ban hành', { exact: true }).first().waitFor();

    await province.getByRole('button', { name: 'Lịch và tình hình báo cáo' }).click();
    await province.getByRole('button', { name: 'Thêm lịch báo cáo' }).first().click();
    const dialog = province.getByRole('dialog', { name: 'Thêm lịch báo cáo' });
    await dialog.getByLabel('Tên báo cáo').fill(SCHEDULE_NAME);
    const due = dialog.getByLabel('Hạn gửi (cấp kế hoạch)');
    if ((await due.inputValue()) === '') await due.fill('10/11');
    await dialog.getByLabel('Từ năm').fill(year);
    await dialog.getByLabel('Đến năm').fill(year);
    const chooser = dialog.getByLabel('Chỉ số', { exact: true });
    await chooser.click();
    await chooser.fill(CARE);
    await province.keyboard.press('Enter');
    await province.keyboard.press('Escape');
    await province.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
    await shot(province, '02', 'schedule-dialog');
    await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    // the duty made the periods the province and the nation receive the consolidated reports in
    const made = province.getByText(/cùng kỳ nhận báo cáo tổng hợp ở cấp trên/);
    await made.waitFor();
    expect(await made.textContent()).toContain('Lai Châu');
    expect(await made.textContent()).toContain('Tổng Liên đoàn');
    await shot(province, '03', 'schedule-made-upward');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('3. a grassroots union reports to its commune', async () => {
    await signIn(grassroots, 'cdcs');
    // each role's home: the grassroots officer's reports due, and the link to all of them
    await grassroots.getByRole('link', { name: 'Tất cả báo cáo của đơn vị' }).click();
    await grassroots.waitForURL(/\/bao-cao$/);
    const cards = grassroots.locator('.due-card').filter({ hasText: SCHEDULE_NAME });
    await cards.first().waitFor();
    // it owes its commune this report, never the province's or the nation's period of it
    expect(await cards.count()).toBe(1);
    await cards.getByRole('button', { name: /Bắt đầu làm|Tiếp tục/ }).click();
    await grassroots.waitForURL(/\/bao-cao\/\d+$/);
    await grassroots.getByLabel('Giá trị (hoạt động)').fill(ACTIVITIES);
    await grassroots.getByLabel(/^Kết quả thực hiện/).fill(GRASSROOTS_TEXT);
    await expect
      .poll(() => grassroots.getByTestId('save-status').textContent(), { timeout: 15_000 })
      .toMatch(/Đã lưu lúc/);
    await grassroots.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await grassroots.getByRole('dialog').getByRole('button', { name: 'Gửi' }).click();
    await grassroots.locator('.report-header .report-status').getByText('Đã gửi').waitFor();
    await shot(grassroots, '04', 'grassroots-sent');
  });

  it('4. the commune approves it, consolidates and sends up to the province', async () => {
    await signIn(commune, 'congdoanxa');
    await openFromQueue(commune, 'Công đoàn cơ sở');
    await approveOpenReport(commune);
    await shot(commune, '05', 'commune-approved');
    await consolidateAndSend(commune, TAN_PHONG, '06');
    await shot(commune, '07', 'commune-sent');
  });

  it('5. the province finds it in its review queue beside its units’ reports, approves, consolidates and sends up', async () => {
    await openFromQueue(province, TAN_PHONG);
    await province.getByText(`Tổng hợp từ 1 đơn vị`).first().waitFor();
    await expectAxeClean(province, 'the commune’s consolidated report, under review');
    await shot(province, '08', 'province-reviews-commune');
    await approveOpenReport(province);
    await consolidateAndSend(province, LAI_CHAU, '09');
    await shot(province, '10', 'province-sent');
  });

  it('6. the nation approves the province’s report; its consolidated report holds the grassroots figure', async () => {
    await openFromQueue(nation, LAI_CHAU);
    await approveOpenReport(nation);
    await shot(nation, '11', 'nation-approved');
    await openMenuItem(nation, 'Báo cáo tổng hợp');
    await nation.getByRole('heading', { name: 'Báo cáo tổng hợp', level: 1 }).waitFor();
    await choosePlan(nation, 'Tổng Liên đoàn Lao động Việt Nam');
    const results = nation.getByLabel(/^1\. Kết quả thực hiện/);
    await results.waitFor();
    await expect.poll(() => results.inputValue(), { timeout: 10_000 }).toContain(GRASSROOTS_TEXT);
    const row = nation.getByRole('row').filter({ hasText: CARE });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`${ACTIVITIES}`);
    expect(await row.textContent()).toMatch(/1 \/ \d+/);
    // the top has nowhere to send it
    expect(await nation.getByRole('button', { name: 'Gửi lên cấp trên' }).count()).toBe(0);
    await expectAxeClean(nation, 'national consolidated report');
    await shot(nation, '12', 'national-consolidated');
  });

  it('left its screenshots and ran without page errors', () => {
    const shots = readdirSync(SCREENSHOT_DIR).filter((f) => /^loop-\d{2}-.+\.png$/.test(f));
    expect(shots.length).toBeGreaterThanOrEqual(12);
    expect(pageErrors).toEqual([]);
  });
});
