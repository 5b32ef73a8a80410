import type { Page } from 'playwright-core';
import { openReviewPeriod } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(240_000);

let app: WebTestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Every page the scenario shows is checked by axe and photographed; serious or critical findings fail. */
async function expectAccessible(page: Page, name: string) {
  expect(await auditPage(page, name)).toEqual([]);
}

const TITLE = 'Sjuksköterska akutmottagning';
const QUESTION = 'Har ni prövat att omfördela personal från Medicinkliniken under perioden?';

async function decide(page: Page, outcome: string, text?: { label: string; value: string }) {
  await page.getByRole('radio', { name: outcome, exact: true }).check();
  if (text) await page.getByLabel(text.label, { exact: true }).fill(text.value);
  await page.getByRole('button', { name: 'Registrera beslut' }).click();
  await page.getByText('är registrerat').waitFor();
}

async function openFromInbox(page: Page, stage: string) {
  await page.goto(`${app.baseUrl}/inbox`);
  const row = page.getByRole('row').filter({ hasText: TITLE });
  await row.filter({ hasText: stage }).waitFor();
  await row.getByRole('link', { name: /Pröva/ }).click();
  await page.getByRole('heading', { name: new RegExp(`Beslut: ${stage}`) }).waitFor();
}

describe('the review of a hire, by clicking, in a real browser', () => {
  it('takes a hire from the unit manager through a return, HR and the director to the statistics', async () => {
    expect((await openReviewPeriod(app, 'hire')).status).toBe(201);

    // The unit manager signs in from the list of demo users.
    const signIn = await browser.newPage();
    await signIn.goto(`${app.baseUrl}/`);
    await signIn.getByRole('heading', { name: 'Logga in' }).waitFor();
    await signIn.getByRole('button', { name: /chef\.akuten/ }).waitFor();
    await expectAccessible(signIn, '01-sign-in');
    await signIn.close();

    const chef = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await chef.getByRole('heading', { name: 'Mina ärenden' }).waitFor();
    await chef.getByRole('link', { name: 'Ny begäran' }).first().click();
    await chef.getByRole('heading', { name: 'Ny begäran' }).waitFor();
    await chef.getByLabel('Befattning', { exact: true }).fill(TITLE);
    await chef.getByLabel('Yrkeskategori', { exact: true }).selectOption({ label: 'Sjuksköterska' });
    await chef.getByRole('radio', { name: 'Särskild visstidsanställning' }).check();
    await chef.getByLabel('Startdatum', { exact: true }).fill('2031-02-01');
    // An end date before the start: only the API knows this rule, and its answer must appear at the field.
    await chef.getByLabel('Slutdatum', { exact: true }).fill('2031-01-15');
    await chef.getByRole('radio', { name: /Ersättningsrekrytering/ }).check();
    await chef.getByLabel('Lönekostnad per månad (kr)', { exact: true }).fill('48 000');
    await chef.getByRole('radio', { name: 'Ja', exact: true }).check();
    await chef
      .getByLabel('Hur enheten ändå når sitt sparbeting', { exact: true })
      .fill('Vakansen finansierar tjänsten.');
    await chef
      .getByLabel('Motivering', { exact: true })
      .fill('Ersätter sjuksköterska som slutat; bemanningen nattetid under miniminivå.');
    await chef.getByRole('checkbox', { name: 'Intern bemanningspool' }).check();
    await chef
      .getByLabel('Konsekvens om begäran avslås', { exact: true })
      .fill('Patientsäkerheten nattetid.');
    await chef.getByRole('button', { name: 'Skicka in för prövning' }).click();
    await chef.getByText('Slutdatum måste vara efter startdatum.').waitFor();
    await expectAccessible(chef, '02-new-request-field-error');

    await chef.getByLabel('Slutdatum', { exact: true }).fill('2031-08-31');
    await chef.getByRole('button', { name: 'Skicka in för prövning' }).click();
    await chef.getByText('Din begäran är inskickad.').waitFor();
    await chef.getByText(/Nästa steg: HR-granskning, tidsfrist/).waitFor();
    await expectAccessible(chef, '03-request-submitted');
    const requestUrl = chef.url();

    // HR returns it with a question.
    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.getByRole('heading', { name: 'Att pröva' }).waitFor();
    await hr.getByRole('row').filter({ hasText: TITLE }).waitFor();
    await expectAccessible(hr, '04-inbox-hr');
    await openFromInbox(hr, 'HR-granskning');
    await expectAccessible(hr, '05-review-hr');
    await decide(hr, 'Skicka tillbaka för komplettering', {
      label: 'Frågor till den som skickade in begäran',
      value: QUESTION,
    });

    // The manager sees the return in the list, reads the question and resubmits.
    await chef.goto(`${app.baseUrl}/requests`);
    await chef.getByRole('row').filter({ hasText: 'Åter för komplettering' }).waitFor();
    await expectAccessible(chef, '06-my-requests-returned');
    // Listed by case number and title (with its form of employment), not by its category.
    await chef
      .getByRole('link', { name: /^\d{4}-\d{5} · Sjuksköterska akutmottagning \(visstid\)$/ })
      .click();
    await chef.getByRole('heading', { name: 'Frågor från granskaren' }).waitFor();
    await chef.getByText(/Komplettera och skicka in ärendet igen senast \d{1,2} [a-zé.]+ \d{4}/).waitFor();
    await chef.getByText(QUESTION).first().waitFor();
    await expectAccessible(chef, '07-request-returned');
    await chef
      .getByLabel('Ditt svar', { exact: true })
      .fill('Ja, Medicinkliniken har själv vakanser under perioden.');
    await chef.getByRole('button', { name: 'Skicka in igen' }).click();
    await chef.getByText('Aktuellt steg: HR-granskning.').waitFor();

    // HR approves, then the director.
    await openFromInbox(hr, 'HR-granskning');
    await decide(hr, 'Bevilja');
    const director = await signedInPage(browser, app.baseUrl, 'div.somatik');
    await openFromInbox(director, 'Divisionschefens beslut');
    await expectAccessible(director, '08-review-director');
    await decide(director, 'Bevilja');

    await chef.goto(requestUrl);
    await chef.getByRole('heading', { name: 'Beviljad' }).waitFor();
    await chef.getByText(/Beslutet gäller till och med/).waitFor();
    await expectAccessible(chef, '09-request-approved');

    // The manager's bell holds the decisions.
    await chef.getByRole('button', { name: /Aviseringar/ }).click();
    await chef.getByText('Ditt ärende har skickats tillbaka för komplettering').waitFor();
    await expectAccessible(chef, '10-notifications');

    // The director sees the approved hire in the statistics and can export them.
    await director.goto(`${app.baseUrl}/stats`);
    await director.getByRole('heading', { name: 'Statistik' }).waitFor();
    const submitted = director.locator('.figure').filter({ hasText: 'Inskickade ärenden' });
    await expect(submitted.locator('.value').textContent()).resolves.toBe('1');
    const rate = director.locator('.figure').filter({ hasText: 'Andel beviljade' });
    await expect(rate.locator('.value').textContent()).resolves.toMatch(/^100\s?%$/);
    await expectAccessible(director, '11-statistics');
    // Every chart's legend names its series in Swedish; nothing reads "… legend icon" to a screen reader.
    await director.locator('.chart-legend').first().getByText('Beviljade', { exact: true }).waitFor();
    expect(await director.locator('[aria-label$="legend icon"]').count()).toBe(0);
    const [download] = await Promise.all([
      director.waitForEvent('download'),
      director.getByRole('button', { name: 'Exportera till CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    expect(browser.errors).toEqual([]);
  });

  it('shows the same pages in English after the language toggle, with kronor and dates for the locale', async () => {
    const chef = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await chef.getByRole('heading', { name: 'Mina ärenden' }).waitFor();
    await chef.getByRole('button', { name: 'English' }).click();
    await chef.getByRole('heading', { name: 'My requests' }).waitFor();
    await chef.getByRole('row').filter({ hasText: 'Approved' }).filter({ hasText: 'SEK' }).waitFor();
    await expectAccessible(chef, '12-my-requests-english');
    await chef.getByRole('link', { name: 'New request' }).first().click();
    await chef.getByRole('heading', { name: 'New request' }).waitFor();
    await chef.getByText('Monthly salary cost (SEK)').waitFor();
    await expectAccessible(chef, '13-new-request-english');
    await chef.getByRole('button', { name: 'Svenska' }).click();
    await chef.getByRole('heading', { name: 'Ny begäran' }).waitFor();
    expect(browser.errors).toEqual([]);
  });
});
