import { randomUUID } from 'node:crypto';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { aHireBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(180_000);

/**
 * The pages that move work between people, by clicking: a stand-in named on "Frånvaro" sees the absent
 * reviewer's requests marked in the inbox, the HR lead hands a stage over, the unit manager withdraws a request.
 * The demo organisation has one HR partner per division, so a second one for Somatik is added here.
 */
let app: WebTestApp;
let browser: TestBrowser;
let standInId: string;
const submitted: string[] = [];
const HR_SOMATIK = 'Sara Lind (HR-partner Somatik)';

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  const db = app.db.dataSource;
  const [user] = await db.query(
    `INSERT INTO users (username, display_name) VALUES ('hr.somatik2', 'Olle Berg') RETURNING id`,
  );
  standInId = user.id;
  const units = await unitIdsByCode(app);
  await db.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
    [standInId, units.get('SOM')],
  );
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
  const chef = `Bearer ${await app.token('chef.akuten')}`;
  for (const title of ['Undersköterska natt', 'Sjuksköterska dag']) {
    const res = await app.http
      .post('/api/v1/requests')
      .set({ Authorization: chef, 'Idempotency-Key': randomUUID() })
      .send(aHireBody(units.get('SOM-AKUT')!, { title }))
      .expect(201);
    submitted.push(res.body.id);
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('stand-ins, hand-overs and withdrawals, in a real browser', () => {
  it('lets the HR lead hand a stage over to one reviewer', async () => {
    const lead = await signedInPage(browser, app.baseUrl, 'hrchef');
    await lead.goto(`${app.baseUrl}/review/${submitted[0]}`);
    await lead.getByLabel('Ny granskare', { exact: true }).selectOption({ label: HR_SOMATIK });
    await lead.getByRole('button', { name: 'Lämna över' }).click();
    await lead.getByText('Steget är överlämnat.').waitFor();
    expect(await auditPage(lead, '23-review-handed-over')).toEqual([]);
    const [stage] = await app.db.dataSource.query(
      `SELECT s.assignee_user_id FROM stages s WHERE s.request_id = $1 AND s.closed_at IS NULL`,
      [submitted[0]],
    );
    const [hr] = await app.db.dataSource.query(`SELECT id FROM users WHERE username = 'hr.somatik'`);
    expect(stage.assignee_user_id).toBe(hr.id);
    expect(browser.errors).toEqual([]);
  });

  it('shows a stand-in named on "Frånvaro" what was handed to the absent reviewer, marked', async () => {
    const today = stockholmDate(new Date());
    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.getByRole('link', { name: 'Frånvaro' }).click();
    // Offered: those who hold her role over her division; not the HR partner of another division.
    const picker = hr.getByLabel('Ersättare', { exact: true });
    await picker.locator('option', { hasText: 'Olle Berg' }).waitFor({ state: 'attached' });
    const offered = await picker.locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['Olle Berg', 'Maria Olsson (HR-partner Somatik)']));
    expect(offered).not.toContain('Omar Nilsson (HR-partner Psykiatri)');
    await hr.getByLabel('Ersättare', { exact: true }).selectOption({ label: 'Olle Berg' });
    await hr.getByLabel('Från och med', { exact: true }).fill(today);
    await hr.getByLabel('Till och med', { exact: true }).fill(addCalendarDays(today, 14));
    await hr.getByRole('button', { name: 'Registrera ersättare' }).click();
    await hr.getByText('Ersättaren är registrerad.').waitFor();

    const standIn = await signedInPage(browser, app.baseUrl, 'hr.somatik2');
    await standIn.goto(`${app.baseUrl}/inbox`);
    const handedOver = standIn
      .getByRole('row')
      .filter({ has: standIn.locator(`a[href="/review/${submitted[0]}"]`) });
    await handedOver.getByText('Som ersättare').waitFor();
    // The other request is the stand-in's own (same role and division): listed, not marked.
    const own = standIn
      .getByRole('row')
      .filter({ has: standIn.locator(`a[href="/review/${submitted[1]}"]`) });
    await own.waitFor();
    expect(await own.getByText('Som ersättare').count()).toBe(0);
    expect(await auditPage(standIn, '24-inbox-stand-in')).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('lets the unit manager withdraw a request after confirming', async () => {
    const chef = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await chef.goto(`${app.baseUrl}/requests/${submitted[1]}`);
    await chef.getByRole('button', { name: 'Återta begäran' }).click();
    await chef.getByRole('button', { name: 'Ja, återta begäran' }).click();
    await chef.getByText('Återtagen').first().waitFor();
    expect(await auditPage(chef, '25-request-withdrawn')).toEqual([]);
    const [request] = await app.db.dataSource.query(`SELECT status FROM requests WHERE id = $1`, [
      submitted[1],
    ]);
    expect(request.status).toBe('withdrawn');
    expect(browser.errors).toEqual([]);
  });
});
