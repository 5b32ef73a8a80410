import { openReviewPeriod } from '../support/http-fixtures';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';
import type { Page } from 'playwright-core';

jest.setTimeout(180_000);

/**
 * Script and SQL typed into the form come back as text: shown verbatim to the requester and the reviewer, never
 * run (no dialog, no element made from it, no request to another origin), and the database still whole.
 */
const TITLE = `<img src=x onerror="alert('title')"> Sjuksköterska`;
const JUSTIFICATION = `<script>alert('justification')</script>'; DROP TABLE requests; --`;

let app: WebTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Everything the page does that an injected script would: dialogs and calls to other origins. */
function watch(page: Page) {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(app.baseUrl) && !r.url().startsWith('data:')) seen.push(`request: ${r.url()}`);
  });
  return seen;
}

it('shows script and SQL typed into a request as text, to the requester and the reviewer', async () => {
  const chef = await signedInPage(browser, app.baseUrl, 'chef.akuten');
  const chefSeen = watch(chef);
  await chef.getByRole('link', { name: 'Ny begäran' }).first().click();
  await chef.getByLabel('Befattning', { exact: true }).fill(TITLE);
  await chef.getByLabel('Yrkeskategori', { exact: true }).selectOption({ label: 'Sjuksköterska' });
  await chef.getByRole('radio', { name: 'Särskild visstidsanställning' }).check();
  await chef.getByLabel('Startdatum', { exact: true }).fill('2031-02-01');
  await chef.getByLabel('Slutdatum', { exact: true }).fill('2031-08-31');
  await chef.getByRole('radio', { name: /Ersättningsrekrytering/ }).check();
  await chef.getByLabel('Lönekostnad per månad (kr)', { exact: true }).fill('48 000');
  await chef.getByRole('radio', { name: 'Ja', exact: true }).check();
  await chef.getByLabel('Hur enheten ändå når sitt sparbeting', { exact: true }).fill(`" OR 1=1 --`);
  await chef.getByLabel('Motivering', { exact: true }).fill(JUSTIFICATION);
  await chef.getByRole('checkbox', { name: 'Intern bemanningspool' }).check();
  await chef.getByLabel('Konsekvens om begäran avslås', { exact: true }).fill('<b>Patientsäkerheten</b>');
  await chef.getByRole('button', { name: 'Skicka in för prövning' }).click();
  await chef.getByText('Din begäran är inskickad.').waitFor();
  await chef.getByText(JUSTIFICATION, { exact: true }).waitFor();
  await chef.getByText('<b>Patientsäkerheten</b>', { exact: true }).waitFor();

  const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
  const hrSeen = watch(hr);
  await hr.getByRole('row').filter({ hasText: `<img src=x` }).getByRole('link').first().click();
  await hr.getByText(JUSTIFICATION, { exact: true }).waitFor();

  for (const page of [chef, hr]) {
    expect(await page.locator('img[src="x"], script:has-text("alert(")').count()).toBe(0);
    expect(await page.locator('b', { hasText: 'Patientsäkerheten' }).count()).toBe(0);
  }
  expect([...chefSeen, ...hrSeen]).toEqual([]);
  const [{ count }] = await app.db.dataSource.query(`SELECT count(*)::int AS count FROM requests`);
  expect(count).toBe(1);
  expect(browser.errors).toEqual([]);
});
