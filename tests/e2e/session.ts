import { expect, type Browser, type Page } from '@playwright/test';

/** A new browser context (another workstation) signed in as `login`. */
export async function workstation(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, login);
  return page;
}

export async function signIn(page: Page, login: string, password = 'demo'): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Calls the API with this page's session, as the page itself would. */
export async function apiAs(page: Page, method: string, input: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('clinic.token')}` },
        body: JSON.stringify(i),
      });
      return { status: res.status, body: await res.json() };
    },
    [method, input] as const,
  );
}
