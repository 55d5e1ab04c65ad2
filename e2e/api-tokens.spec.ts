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
 * A province's manager makes an API token for another system in the users page, copies the secret
 * shown once, the other system reads its province's figures and not another's, and the manager
 * revokes the token: its next request is refused.
 */
describe('API tokens journey', () => {
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

  const asSystem = (secret: string, path: string) =>
    page.request.fetch(path, { headers: { authorization: `Bearer ${secret}`, cookie: '' } });

  it('makes a token, shows its secret once, and the token reads its province only until revoked', async () => {
    await signIn(page, 'laichau');
    const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { homeUnitId: number } };
    // Another province (Hưng Yên), read from its own manager's session.
    const elsewhere = await browser.newPage({ baseURL: server.baseUrl });
    await signIn(elsewhere, 'hungyen');
    const other = (await (await elsewhere.request.get('/api/auth/me')).json()) as {
      user: { homeUnitId: number };
    };
    await elsewhere.close();
    expect(other.user.homeUnitId).not.toBe(me.user.homeUnitId);
    await page.goto('/nguoi-dung');
    const card = page.getByTestId('api-tokens-card');
    await card.getByText('Chưa có mã truy cập API nào.').waitFor();
    await card.getByRole('button', { name: 'Tạo mã truy cập API' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo mã truy cập API' });
    await dialog.waitFor();

    // The name is asked for, by its label.
    await dialog.getByRole('button', { name: 'Tạo mã' }).click();
    await dialog.getByText('tên gợi nhớ', { exact: false }).first().waitFor();
    await dialog.getByLabel('Tên gợi nhớ').fill('DHIS2 tỉnh Lai Châu');
    await screenshot(page, 'api-tokens-01-form', false);
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    await dialog.getByRole('button', { name: 'Tạo mã' }).click();

    const shown = dialog.getByTestId('api-token-secret');
    await shown.waitFor();
    const secret = (await shown.locator('code').first().innerText()).trim();
    expect(secret).toMatch(/^tdk_[\w-]{43}$/);
    await screenshot(page, 'api-tokens-02-secret-once', false);
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    await dialog.getByRole('button', { name: 'Đã sao chép, đóng' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Listed by its prefix, never its secret.
    const row = card.getByRole('row', { name: /DHIS2 tỉnh Lai Châu/ });
    await row.getByText(`${secret.slice(0, 12)}…`).waitFor();
    expect(await card.innerText()).not.toContain(secret.slice(12));

    // The other system: its province's figures, not another province's.
    expect((await asSystem(secret, `/api/units/${me.user.homeUnitId}/dashboard`)).status()).toBe(200);
    expect((await asSystem(secret, `/api/units/${other.user.homeUnitId}/dashboard`)).status()).toBe(403);
    expect((await asSystem(secret, '/api/users')).status()).toBe(403);

    await page.reload();
    await row.getByText('Còn hiệu lực').waitFor();
    await row.getByRole('button', { name: /^Thu hồi DHIS2 tỉnh Lai Châu/ }).click();
    await page.getByRole('button', { name: 'Thu hồi', exact: true }).last().click();
    await row.getByText('Đã thu hồi').waitFor();
    await screenshot(page, 'api-tokens-03-revoked');
    const refused = await asSystem(secret, `/api/units/${me.user.homeUnitId}/dashboard`);
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('api_token_revoked');
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
