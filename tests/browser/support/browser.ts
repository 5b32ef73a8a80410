import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium's background services try the internet; a machine without it must not wait for them. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Swedish office computers: date fields show ÅÅÅÅ-MM-DD, as on the users' own machines.
  '--lang=sv-SE',
];

export interface TestBrowser {
  context: BrowserContext;
  /** Errors the pages raised or logged, except the browser's own lines about HTTP error statuses. */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A phone as the tests hold it: an iPhone-sized screen (390×844 CSS pixels), touch, a dense display. */
export const PHONE: Device = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
};
/** The screen of an ordinary office computer. */
export const DESKTOP: Device = { viewport: { width: 1366, height: 768 } };

export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
}

/** A headless Chromium with a fresh profile of its own, by default at the screen size of an office computer. */
export async function launchBrowser(device: Device = DESKTOP): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'provning-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    ...device,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
