import type { TestAppOptions } from '../../support/app';
import { launchBrowser, type TestBrowser } from './browser';
import { startWebTestApp, type WebTestApp } from './web-app';

/**
 * One test file's app and browser: started before its tests, closed after them. Read `suite.app` and
 * `suite.browser` inside the tests (they are set once beforeAll has run).
 */
export function webSuite(env: Record<string, string> = {}, options: TestAppOptions = {}) {
  const suite = {} as { app: WebTestApp; browser: TestBrowser };
  beforeAll(async () => {
    suite.app = await startWebTestApp(env, options);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
}
