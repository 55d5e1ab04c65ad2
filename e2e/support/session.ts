import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.ts';

/** Sign in through the form as a demo account and wait for the first page (each role's home). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** Call the API with the page's session cookie and CSRF token (for setting the scene quickly). */
export async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Chooses a unit in an antd TreeSelect the way a user does (open, click the unit), and makes sure
 * the choice took: a click that lands while the list is still sliding open can be lost, and a
 * user would simply click again.
 */
export async function pickTreeUnit(page: Page, field: Locator, unitName: string): Promise<void> {
  const chosen = () => field.evaluate((el) => el.closest('.ant-select')?.textContent ?? '');
  for (let attempt = 0; attempt < 3; attempt++) {
    const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    if ((await list.count()) === 0) await field.click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: unitName }).click();
    for (let wait = 0; wait < 20 && !(await chosen()).includes(unitName); wait++)
      await page.waitForTimeout(100);
    if ((await chosen()).includes(unitName)) return;
  }
  throw new Error(`could not choose ${unitName}: the field shows "${await chosen()}"`);
}
