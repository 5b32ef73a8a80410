import { aHireBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(180_000);

/**
 * "Ärenden utan beställare": the unit manager's requester role has ended; the HR lead finds the request on the
 * page and moves it to the unit's other requester by clicking, and the request's timeline says so.
 */
let app: WebTestApp;
let browser: TestBrowser;
let requestId: string;

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
  const db = app.db.dataSource;
  const units = await unitIdsByCode(app);
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
  const res = await app.http
    .post('/api/v1/requests')
    .set({ Authorization: `Bearer ${await app.token('chef.akuten')}` })
    .send(aHireBody(units.get('SOM-AKUT')!))
    .expect(201);
  requestId = res.body.id;
  await db.query(
    `UPDATE role_assignments SET valid_to = '2020-12-31'
      WHERE role = 'requester' AND user_id = (SELECT id FROM users WHERE username = 'chef.akuten')`,
  );
  const [heir] = await db.query(
    `INSERT INTO users (username, display_name) VALUES ('chef.akuten2', 'Lena Ek') RETURNING id`,
  );
  await db.query(`INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'requester', $2)`, [
    heir.id,
    units.get('SOM-AKUT'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('requests without requester, in a real browser', () => {
  it('lets the HR lead move a request to another requester of the unit', async () => {
    const lead = await signedInPage(browser, app.baseUrl, 'hrchef');
    await lead.getByRole('link', { name: 'Ärenden utan beställare' }).click();
    await lead.getByRole('heading', { name: 'Ärenden utan beställare' }).waitFor();
    await lead.getByText('Inte längre beställare').waitFor();
    expect(await auditPage(lead, '40-without-requester')).toEqual([]);
    await lead.getByLabel('Flytta till', { exact: true }).selectOption({ label: 'Lena Ek' });
    await lead.getByRole('button', { name: 'Flytta ärendet' }).click();
    await lead.getByText('Alla öppna ärenden har en beställare.').waitFor();
    const [row] = await app.db.dataSource.query(
      `SELECT u.username FROM requests r JOIN users u ON u.id = r.requester_id WHERE r.id = $1`,
      [requestId],
    );
    expect(row.username).toBe('chef.akuten2');
    await lead.goto(`${app.baseUrl}/requests/${requestId}`);
    await lead.getByText('Ärendet flyttades till en ny beställare.').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
