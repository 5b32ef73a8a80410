import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser';

/** A new tab signed in as `username` through the sign-in page, as a person would (each tab has its own session). */
export async function signedInPage(browser: TestBrowser, baseUrl: string, username: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('button', { name: new RegExp(`\\b${username.replace('.', '\\.')}\\b`) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  return page;
}
