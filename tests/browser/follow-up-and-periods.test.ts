import { randomUUID } from 'node:crypto';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { aHireBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(180_000);

/**
 * The follow-up role in a real browser (the steering group's styrgrupp: statistics and the register, no decision
 * control anywhere), and the regime's life cycle on the periods page: a gap between two periods is warned of, the
 * admin ends one early by a decision and corrects a mistyped one.
 */
let app: WebTestApp;
let browser: TestBrowser;
let requestId: string;
const today = stockholmDate(new Date());

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
  const units = await unitIdsByCode(app);
  const res = await app.http
    .post('/api/v1/requests')
    .set({ Authorization: `Bearer ${await app.token('chef.akuten')}`, 'Idempotency-Key': randomUUID() })
    .send(aHireBody(units.get('SOM-AKUT')!, { title: 'Sjuksköterska natt' }))
    .expect(201);
  requestId = res.body.id;
  // Two call-off periods with twenty days between them.
  const first = await openReviewPeriod(
    app,
    'agency_call_off',
    addCalendarDays(today, -10),
    addCalendarDays(today, 100),
    {
      decisionRef: 'HSN/100/2026 §1',
    },
  );
  expect(first.status).toBe(201);
  const second = await openReviewPeriod(
    app,
    'agency_call_off',
    addCalendarDays(today, 121),
    addCalendarDays(today, 300),
    { decisionRef: 'HSN/200/2026 §2' },
  );
  expect(second.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the follow-up role, in a real browser', () => {
  it('shows the steering group the statistics and the register, and no decision control', async () => {
    const page = await signedInPage(browser, app.baseUrl, 'styrgrupp');
    // The steering group lands on the figures.
    await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Statistik', exact: true }).waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Ärenden', 'Statistik', 'Prövningsperioder']));
    for (const other of ['Att pröva', 'Ny begäran', 'Frånvaro', 'Mina ärenden'])
      expect(links).not.toContain(other);

    await nav.getByRole('link', { name: 'Statistik', exact: true }).click();
    await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    expect(await auditPage(page, '40-follow-up-statistics')).toEqual([]);

    await nav.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await page.getByRole('heading', { name: 'Ärenden', level: 1 }).waitFor();
    await page.locator(`a[href="/requests/${requestId}"]`).click();
    await page.waitForURL(`**/requests/${requestId}`);
    await page.getByRole('heading', { name: 'Händelser' }).waitFor();
    expect(await auditPage(page, '41-follow-up-request')).toEqual([]);
    // Nothing to decide, withdraw, resubmit or hand over: the page has no such control.
    expect(await page.locator(`a[href="/review/${requestId}"]`).count()).toBe(0);
    const buttons = await page.getByRole('main').getByRole('button').allTextContents();
    for (const word of [/Pröva/, /Återta/, /Skicka in igen/, /Lämna över/, /Bevilja/, /Avslå/])
      expect(buttons.filter((b) => word.test(b))).toEqual([]);
    await page.goto(`${app.baseUrl}/review/${requestId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: /Bevilja|Avslå|Skicka beslut/ }).count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});

describe("the regime's life cycle on the periods page", () => {
  it('warns of the gap between two periods, ends one early and corrects the other', async () => {
    const admin = await signedInPage(browser, app.baseUrl, 'admin');
    await admin.getByRole('heading', { name: 'Prövningsperioder' }).waitFor();
    await admin.getByText(/^Glapp mellan perioder \(Avrop av hyrbemanning\):/).waitFor();
    expect(await auditPage(admin, '42-review-periods-gap')).toEqual([]);

    await admin.getByRole('button', { name: /^Avsluta i förtid HSN\/100\/2026/ }).click();
    const end = admin.getByRole('form', { name: 'Avsluta prövningsperioden i förtid' });
    await end.getByLabel('Gäller till och med', { exact: true }).fill(addCalendarDays(today, 30));
    await end.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/150/2026 §7');
    await end.getByLabel('Beslutsdatum', { exact: true }).fill(today);
    expect(await auditPage(admin, '43-review-period-end-early')).toEqual([]);
    await end.getByRole('button', { name: 'Avsluta i förtid' }).click();
    await admin.getByText(/Avslutad i förtid enligt HSN\/150\/2026 §7/).waitFor();

    await admin.getByRole('button', { name: /^Rätta HSN\/200\/2026/ }).click();
    const correct = admin.getByRole('form', { name: 'Rätta en felregistrerad prövningsperiod' });
    await correct.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/200/2026 §3');
    await correct.getByRole('button', { name: 'Spara rättelsen' }).click();
    await admin.getByRole('cell', { name: /^HSN\/200\/2026 §3 beslutat/ }).waitFor();
    const audit = await app.db.dataSource.query(
      `SELECT action FROM admin_audit_log WHERE entity = 'review_period' ORDER BY at`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['end', 'change']);
    expect(browser.errors).toEqual([]);
  });
});
