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
import { signIn } from './support/session.ts';

const NEW_PASSWORD = 'mat-khau-rieng-2026';

/** "Đổi mật khẩu" from the account menu: the user's other sessions end, this one stays. */
describe('own password journey', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let elsewhere: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl });
    elsewhere = await browser.newPage({ baseURL: server.baseUrl });
    watchPageErrors(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('changes the password from the account menu and signs the other browser out', async () => {
    await signIn(elsewhere, 'cdcs');
    await signIn(page, 'cdcs');
    await page.getByRole('button', { name: /^Tài khoản:/ }).click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
    await dialog.waitFor();

    // A wrong current password is named on its field.
    await dialog.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau-1');
    await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await dialog.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await screenshot(page, 'account-01-change-password', false);
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');

    await dialog.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();

    expect((await page.request.get('/api/auth/me')).status()).toBe(200);
    expect((await elsewhere.request.get('/api/auth/me')).status()).toBe(401);
    const again = await elsewhere.request.post('/api/auth/login', {
      data: { username: 'cdcs', password: NEW_PASSWORD },
    });
    expect(again.status()).toBe(200);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
