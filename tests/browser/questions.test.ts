import { aCallOffBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(240_000);

/**
 * Questions without a return (issue 21): the HR partner asks about a call-off in the decision view, the requester
 * answers on the request, and the HR partner reads the answer where she decides; the request is never returned.
 */
let app: WebTestApp;
let browser: TestBrowser;
let requestId: string;

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  const units = await unitIdsByCode(app);
  expect((await openReviewPeriod(app, 'agency_call_off')).status).toBe(201);
  const res = await app.http
    .post('/api/v1/requests')
    .set({ Authorization: `Bearer ${await app.token('chef.akuten')}` })
    .send(aCallOffBody(units.get('SOM-AKUT')!))
    .expect(201);
  requestId = res.body.id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a question on a call-off, in a real browser', () => {
  it('is asked by the HR partner, answered by the requester and read in the decision view without a return', async () => {
    const partner = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await partner.goto(`${app.baseUrl}/review/${requestId}`);
    await partner.getByRole('heading', { name: 'Frågor till beställaren' }).waitFor();
    await partner.getByLabel('Ställ en fråga').fill('Har ni frågat den egna bemanningspoolen?');
    await partner.getByRole('button', { name: 'Skicka frågan' }).click();
    await partner.getByText('Väntar på svar från beställaren.').waitFor();
    expect(await auditPage(partner, '45-question-asked')).toEqual([]);

    const requester = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await requester.goto(`${app.baseUrl}/requests/${requestId}`);
    await requester.getByText('Har ni frågat den egna bemanningspoolen?').waitFor();
    await requester.getByLabel('Ditt svar').fill('Ja, poolen har ingen ledig sjuksköterska den veckan.');
    await requester.getByRole('button', { name: 'Skicka svaret' }).click();
    await requester.getByText('Ja, poolen har ingen ledig sjuksköterska den veckan.').waitFor();
    expect(await auditPage(requester, '46-question-answered')).toEqual([]);

    await partner.reload();
    await partner.getByText('Ja, poolen har ingen ledig sjuksköterska den veckan.').waitFor();
    await partner.getByText('beställaren svarade på frågan.', { exact: false }).waitFor();
    // Still at the stage, decidable: nothing was returned for completion.
    const [row] = await app.db.dataSource.query(`SELECT status FROM requests WHERE id = $1`, [requestId]);
    expect(row.status).toBe('in_review');
    expect(await partner.getByLabel('Ställ en fråga').count()).toBe(1);
    expect(browser.errors).toEqual([]);
  });
});
