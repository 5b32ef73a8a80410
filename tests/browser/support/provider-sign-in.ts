import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser';

/** Signing in to Prövning at `baseUrl` through the OpenID Provider at `issuer`, as a person at a browser does. */
export function providerSignIn(browser: TestBrowser, baseUrl: string, issuer: string) {
  const loginForm = (page: Page) => page.locator('input[name="login"]');
  /** What the tab keeps in sessionStorage under `key` (a string script: the tests compile without the DOM types). */
  const stored = (page: Page, key: string) =>
    page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(key)})`);
  const token = (page: Page) => stored(page, 'provning.token');

  /** From Prövning's "Logga in" through the provider's login form and consent page. */
  async function throughProvider(page: Page, login: string): Promise<void> {
    await page.goto(`${baseUrl}/signin`);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await loginForm(page).waitFor();
    expect(new URL(page.url()).origin).toBe(issuer);
    await loginForm(page).fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  /** throughProvider, and back in Prövning past the callback. */
  async function signIn(page: Page, login: string): Promise<void> {
    await throughProvider(page, login);
    await page.waitForURL((url) => url.origin === baseUrl && !url.pathname.startsWith('/auth/'));
  }

  /** A fresh start for the next person at the same computer: no provider session, no tab state. */
  async function nextPerson(): Promise<Page> {
    await browser.context.clearCookies();
    return browser.newPage();
  }

  /** The bearer token of `login`, signed in through the provider in a tab of its own (for a test's setup). */
  async function tokenOf(login: string): Promise<string> {
    const page = await nextPerson();
    await signIn(page, login);
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    const bearer = await token(page);
    await page.close();
    return bearer!;
  }

  return { loginForm, stored, token, throughProvider, signIn, nextPerson, tokenOf };
}
