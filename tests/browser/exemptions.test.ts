import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(180_000);

let app: WebTestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  expect((await openReviewPeriod(app, 'agency_call_off')).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('general exemptions, in a real browser', () => {
  it('the executive records one on a board decision; a covered request shows as exempted under it', async () => {
    const today = stockholmDate(new Date());
    const exec = await signedInPage(browser, app.baseUrl, 'hsdir');
    await exec.getByRole('link', { name: 'Generella undantag' }).click();
    await exec.getByRole('heading', { name: 'Generella undantag', level: 1 }).waitFor();
    await exec.getByText('Inga generella undantag är registrerade.').waitFor();

    // A missing ceiling and an end before the start are shown at their fields.
    await exec.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/77/2026 § 12');
    await exec.getByLabel('Beslutsdatum', { exact: true }).fill(today);
    await exec
      .getByLabel('Omfattning', { exact: true })
      .selectOption({ label: 'Länssjukvårdsområde Somatik' });
    await exec.getByLabel('Slag', { exact: true }).selectOption({ label: 'Avrop av hyrbemanning' });
    await exec.getByLabel('Läkare', { exact: true }).check();
    await exec.getByLabel('Gäller från och med', { exact: true }).fill(today);
    await exec.getByLabel('Gäller till och med', { exact: true }).fill(addCalendarDays(today, 90));
    await exec.getByLabel('Skäl', { exact: true }).fill('Akutens läkarbemanning under sommaren');
    await exec.getByRole('button', { name: 'Registrera undantag' }).click();
    await exec.locator('.field-error').first().waitFor();
    expect(await auditPage(exec, '40-exemptions-field-error')).toEqual([]);

    await exec.getByLabel('Kostnadstak per begäran (kr)', { exact: true }).fill('500000');
    await exec.getByRole('button', { name: 'Registrera undantag' }).click();
    await exec.getByText('Undantaget är registrerat.').waitFor();
    const row = exec.getByRole('row').filter({ hasText: 'HSN/77/2026 § 12' });
    await row.getByText('Gäller', { exact: true }).waitFor();
    await row.getByText('Läkare').waitFor();
    expect(await auditPage(exec, '41-exemptions-recorded')).toEqual([]);

    const units = await unitIdsByCode(app);
    const covered = await app.http
      .post('/api/v1/requests')
      .set(await bearer(app, 'chef.akuten'))
      .send(
        aCallOffBody(units.get('SOM-AKUT')!, {
          occupationalCategory: 'physician',
          estimatedCostSek: 450_000,
        }),
      )
      .expect(201);
    expect(covered.body.status).toBe('exempted');

    const requester = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await requester.goto(`${app.baseUrl}/requests/${covered.body.id}`);
    await requester.getByText('Generellt undantagen').first().waitFor();
    await requester.getByText(/Undantagen enligt HSN\/77\/2026 § 12 \(Hälso- och sjukvårdsnämnden/).waitFor();
    expect(await auditPage(requester, '42-request-exempted')).toEqual([]);

    // The statistics count it, with its cost, and say how many of the requests were exempted.
    await exec.goto(`${app.baseUrl}/stats`);
    await exec.getByRole('heading', { name: 'Statistik' }).waitFor();
    const submitted = exec.locator('.figure').filter({ hasText: 'Inskickade ärenden' });
    await expect(submitted.locator('.value').textContent()).resolves.toBe('1');
    const exempted = exec.locator('.figure').filter({ hasText: 'Varav generellt undantagna' });
    await expect(exempted.locator('.value').textContent()).resolves.toBe('1');
    // The exempted cost per kind: this call-off's total, never added to hires' annual cost.
    await exempted.getByText(/450\s000\skr för avrop/).waitFor();
    await exec.goBack();

    // Revoked early from today, it covers no later request.
    await row.getByRole('button', { name: /^Återkalla/ }).click();
    const revoke = exec.getByRole('form', { name: 'Återkalla undantaget' });
    await revoke.getByLabel('Skäl för återkallelsen', { exact: true }).fill('Nytt beslut HSN/80/2026');
    await revoke.getByRole('button', { name: 'Återkalla undantaget' }).click();
    await row.getByText('Återkallat', { exact: true }).waitFor();
    const later = await app.http
      .post('/api/v1/requests')
      .set(await bearer(app, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!, { occupationalCategory: 'physician' }))
      .expect(201);
    expect(later.body.status).toBe('in_review');

    // A director reads the division's exemptions and has no control to record or revoke one.
    const director = await signedInPage(browser, app.baseUrl, 'div.somatik');
    await director.getByRole('link', { name: 'Generella undantag' }).click();
    await director.getByRole('row').filter({ hasText: 'HSN/77/2026 § 12' }).waitFor();
    expect(await director.getByRole('button', { name: /Återkalla|Registrera undantag/ }).count()).toBe(0);
    expect(await auditPage(director, '43-exemptions-director')).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
