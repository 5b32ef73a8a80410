import { freePort } from '@local/ports';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(240_000);

/**
 * Issue 21: a mail's link opens the page where its reader acts, through sign-in: the HR partner's "Ärende att
 * granska" mail lands on the decision page once they have signed in, and a foreign `returnTo` lands at home.
 */
let smtp: TestSmtpServer;
let app: WebTestApp;
let browser: TestBrowser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const port = await freePort();
  app = await startWebTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: `http://127.0.0.1:${port}` }, {}, port);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

async function signInAs(page: Awaited<ReturnType<TestBrowser['newPage']>>, username: string) {
  await page.getByRole('button', { name: new RegExp(`\\b${username.replace('.', '\\.')}\\b`) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

it("lands the reviewer on the decision page from the mail's link, after signing in", async () => {
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
  const unitId = (await unitIdsByCode(app)).get('SOM-AKUT')!;
  const made = await app.http
    .post('/api/v1/requests')
    .set(await bearer(app, 'chef.akuten'))
    .send(aHireBody(unitId, { title: 'Sjuksköterska akutmottagning' }))
    .expect(201);
  const mails = await smtp.waitFor((m) => m.some((x) => x.to.includes('sara.lind@rvn.example')));
  const mail = mails.find((x) => x.to.includes('sara.lind@rvn.example'))!;
  const link = /^http:\/\/\S+$/m.exec(mail.text)?.[0];
  expect(link).toBe(`${app.baseUrl}/review/${made.body.id}`);

  const page = await browser.newPage();
  await page.goto(link!);
  // Signed out: sign-in first, with the page asked for kept.
  await page.waitForURL((url) => url.pathname === '/signin');
  expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`/review/${made.body.id}`);
  await signInAs(page, 'hr.somatik');
  expect(new URL(page.url()).pathname).toBe(`/review/${made.body.id}`);
  await page
    .getByRole('heading', {
      level: 1,
      name: new RegExp(`${made.body.caseNumber} · Sjuksköterska akutmottagning`),
    })
    .waitFor();
  expect(await auditPage(page, 'issue21-review-from-mail')).toEqual([]);

  // The inbox names it by case number and title, with the same date style as the rest of the app.
  await page.goto(`${app.baseUrl}/inbox`);
  await page.getByText(`${made.body.caseNumber} · Sjuksköterska akutmottagning (visstid)`).first().waitFor();
  expect(await auditPage(page, 'issue21-inbox')).toEqual([]);

  // The bell names the request too, and marks everything read at once.
  await page.getByRole('button', { name: /Aviseringar/ }).click();
  await page
    .getByRole('link', { name: new RegExp(made.body.caseNumber) })
    .first()
    .waitFor();
  expect(await auditPage(page, 'issue21-notifications')).toEqual([]);
  await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
  await page.getByRole('button', { name: 'Markera alla som lästa' }).waitFor({ state: 'detached' });
  const after = await app.http
    .get('/api/v1/notifications')
    .set(await bearer(app, 'hr.somatik'))
    .expect(200);
  expect(after.body.unread).toBe(0);
  await page.close();
});

it('finds a request on My requests by its case number, as typed', async () => {
  const unitId = (await unitIdsByCode(app)).get('SOM-AKUT')!;
  const chef = await bearer(app, 'chef.akuten');
  const made = await app.http
    .post('/api/v1/requests')
    .set(chef)
    .send(aHireBody(unitId, { title: 'Undersköterska natt' }))
    .expect(201);
  const page = await browser.newPage();
  await page.goto(`${app.baseUrl}/requests`);
  await signInAs(page, 'chef.akuten');
  await page.getByRole('row').nth(2).waitFor();
  const [year, seq] = (made.body.caseNumber as string).split('-');
  await page.getByLabel('Sök ärendenummer').fill(`${year}-${Number(seq)}`);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.waitForFunction("document.querySelectorAll('tbody tr').length === 1");
  await page.getByRole('link', { name: `${made.body.caseNumber} · Undersköterska natt (visstid)` }).waitFor();
  expect(await auditPage(page, 'issue21-my-requests-search')).toEqual([]);
  await page.getByLabel('Sök ärendenummer').fill('inte ett nummer');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.locator('#case-number-search[aria-invalid="true"]').waitFor();
  await page.close();
});

it('lands at home, not on another site, when returnTo points elsewhere', async () => {
  for (const returnTo of ['//evil.example/review/1', 'https://evil.example/', '/\\evil.example']) {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/signin?returnTo=${encodeURIComponent(returnTo)}`);
    await signInAs(page, 'chef.akuten');
    expect(new URL(page.url()).origin).toBe(app.baseUrl);
    await page.close();
  }
});
