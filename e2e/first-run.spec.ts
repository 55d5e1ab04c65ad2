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

const ADMIN = { displayName: 'Nguyễn Văn Quản', username: 'quantri', password: 'mat-khau-quan-tri-2025' };

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
}

/** antd's Select shows its options in a virtual list; its role=option nodes carry only values. */
async function pickOption(page: Page, option: RegExp): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

function todayVn(): string {
  const [y, m, d] = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).split('-') as [
    string,
    string,
    string,
  ];
  return `${d}/${m}/${y}`;
}

describe('first run without the demo, and an invitation accepted', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let invitationUrl = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: 'off' }), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl, width: 1280, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message} ${error.stack}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the setup wizard instead of sign-in, and shows the password rules', async () => {
    await page.goto('/');
    await page.waitForURL(/\/thiet-lap/);
    await page.getByRole('heading', { name: 'Thiết lập lần đầu' }).waitFor();
    await page.getByLabel('Họ và tên').fill(ADMIN.displayName);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan1');
    const rules = page.getByRole('list', { name: 'Yêu cầu về mật khẩu' });
    await expect(rules.textContent()).resolves.toContain('Ít nhất 10 ký tự (chưa đạt)');
    await expect(rules.textContent()).resolves.toContain('Có ít nhất một chữ số (đã đạt)');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Mật khẩu cần ít nhất 10 ký tự', { exact: false }).first().waitFor();
    await expectAxeClean(page, 'setup: administrator');
    await screenshot(page, 'first-run-01-administrator');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByLabel('Tên tổ chức (đơn vị gốc)').waitFor();
  });

  it('names the organisation, imports its unit tree from a CSV and lands on the invitation step', async () => {
    await page.getByLabel('Tên tổ chức (đơn vị gốc)').fill('Liên đoàn Lao động Thử nghiệm');
    await page.getByRole('radio', { name: /Nhập cây đơn vị từ tệp CSV/ }).check();
    await expectAxeClean(page, 'setup: organisation');
    await screenshot(page, 'first-run-02-organisation');
    await page.getByRole('button', { name: 'Tạo tổ chức' }).click();
    await page.getByRole('button', { name: 'Chọn tệp và nhập' }).click();
    const csv = [
      'code,name,type,parent_code,valid_from,valid_to',
      `TN-01,Liên đoàn Lao động tỉnh Thử Nghiệm,province,TLD,${todayVn()},`,
      `TN-01-01,Công đoàn cơ sở Công ty Mây Tre,grassroots,TN-01,${todayVn()},`,
    ].join('\n');
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('.ant-modal').getByRole('button', { name: 'Nhập dữ liệu' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/Tạo mới\s*2/);
    await screenshot(page, 'first-run-03-import');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByTestId('invite-form').waitFor();
  });

  it('creates an invitation link for an officer of the imported grassroots union, with its expiry', async () => {
    // Before any Select is opened: antd leaves an unnamed 0×0 listbox behind once one has been.
    await expectAxeClean(page, 'setup: invitations');
    await page.getByLabel('Vai trò').click();
    await pickOption(page, /^Cán bộ$/);
    const unit = page.getByLabel('Đơn vị', { exact: true });
    await unit.click();
    await unit.pressSequentially('may tre');
    await pickOption(page, /Công đoàn cơ sở Công ty Mây Tre/);
    await page.getByRole('button', { name: 'Tạo liên kết mời' }).click();
    const link = page.getByTestId('invitation-link').first();
    await link.waitFor();
    const text = (await link.textContent()) ?? '';
    expect(text).toContain('Hết hạn lúc');
    expect(text).toContain('Công đoàn cơ sở Công ty Mây Tre');
    invitationUrl = ((await link.locator('code').textContent()) ?? '').trim();
    expect(invitationUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/moi\/[A-Za-z0-9_-]{20,}$/);
    await screenshot(page, 'first-run-04-invitation-link');
    await page.getByRole('button', { name: 'Vào ứng dụng' }).click();
    // every role lands on its home (issue 17): the administrator's "Việc cần làm"
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
  });

  it('lets the invited person see who invited them and create their account, landing on their reports', async () => {
    const guest = await browser.newPage({ baseURL: server.baseUrl, width: 390, height: 844 });
    await guest.goto(new URL(invitationUrl).pathname);
    const offer = guest.locator('.invitation-offer');
    await offer.waitFor();
    const offerText = (await offer.textContent()) ?? '';
    expect(offerText).toContain(ADMIN.displayName);
    expect(offerText).toContain('Cán bộ');
    expect(offerText).toContain('Công đoàn cơ sở Công ty Mây Tre');
    await expectAxeClean(guest, 'invitation page');
    await guest.getByLabel('Họ và tên').fill('Lò Thị Mai');
    await guest.getByLabel('Tên đăng nhập').fill('lothimai');
    await guest.getByLabel('Mật khẩu', { exact: true }).fill('mai-may-tre-2025');
    await screenshot(guest, 'first-run-05-accept-invitation');
    await guest.getByRole('button', { name: 'Tạo tài khoản và vào ứng dụng' }).click();
    await guest.waitForURL((url) => url.pathname === '/');
    await guest.getByTestId('home-due').waitFor();

    // The same link a second time: a clear Vietnamese message.
    const again = await browser.newPage({ baseURL: server.baseUrl });
    await again.goto(new URL(invitationUrl).pathname);
    await again.getByText('Liên kết mời không còn hiệu lực').waitFor();
    await expectAxeClean(again, 'used invitation');
  });

  it('lets the administrator invite from the user list too; sign-in then opens each role’s home screen', async () => {
    await page.goto('/nguoi-dung');
    await page.getByRole('cell', { name: 'lothimai' }).first().waitFor();
    await page.getByRole('button', { name: 'Mời người dùng' }).click();
    await page.getByRole('dialog').getByTestId('invite-form').waitFor();
    await page.getByRole('button', { name: 'Tạo liên kết mời' }).click();
    await expect(page.getByTestId('invitation-link').first().textContent()).resolves.toContain('/moi/');
    await expectAxeClean(page, 'users: invite dialog');

    // Without ?next=, signing in lands on the role's home: an officer's reports due.
    const officer = await browser.newPage({ baseURL: server.baseUrl, width: 390, height: 844 });
    await officer.goto('/dang-nhap');
    await officer.getByLabel('Tên đăng nhập').fill('lothimai');
    await officer.getByLabel('Mật khẩu').fill('mai-may-tre-2025');
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.waitForURL((url) => url.pathname === '/');
    await officer.getByTestId('home-due').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
