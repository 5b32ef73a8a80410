import type { Page } from 'playwright-core';
import { aCallOffBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { DESKTOP, PHONE, launchBrowser, type Device, type TestBrowser } from './support/browser';
import { horizontalOverflow, smallTouchTargets } from './support/layout';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(600_000);

/**
 * Bulk decisions in a real browser (issue 21): the HR partner selects a summer's ten call-offs in the inbox,
 * approves them with one comment after a confirm step; one was decided meanwhile and is refused, shown as such,
 * and the others leave the inbox. On an office screen and on a phone (390×844), where the inbox is cards.
 */
let app: WebTestApp;
let units: Map<string, string>;

beforeAll(async () => {
  app = await startWebTestApp();
  units = await unitIdsByCode(app);
  expect((await openReviewPeriod(app, 'agency_call_off')).status).toBe(201);
});
afterAll(() => app?.stop());

async function tenCallOffs(supplier: string): Promise<string[]> {
  const token = await app.token('chef.akuten');
  const ids: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const res = await app.http
      .post('/api/v1/requests')
      .set({ Authorization: `Bearer ${token}` })
      .send(aCallOffBody(units.get('SOM-AKUT')!, { supplier: `${supplier} ${i + 1}` }))
      .expect(201);
    ids.push(res.body.id);
  }
  return ids;
}

async function expectAccessible(page: Page, device: Device, name: string) {
  expect(await auditPage(page, name, { fullPage: true, everyImpact: true })).toEqual([]);
  expect(await horizontalOverflow(page)).toEqual([]);
  if (device === PHONE) expect(await smallTouchTargets(page)).toEqual([]);
}

describe.each([
  ['an office screen', DESKTOP, 'Kontorsbemanning'],
  ['a phone', PHONE, 'Mobilbemanning'],
])('a bulk approval on %s', (_screen, device, supplier) => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser(device);
  });
  afterAll(() => browser?.close());

  it('approves the selected call-offs with one comment, shows the one refused and leaves the others out of the inbox', async () => {
    const ids = await tenCallOffs(supplier);
    const page = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await page.goto(`${app.baseUrl}/inbox`);
    const rows = page.getByRole('row').filter({ hasText: supplier });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);

    // One checkbox, found by the request it names; then every one at the stage.
    const [first] = await app.db.dataSource.query(`SELECT case_year, case_seq FROM requests WHERE id = $1`, [
      ids[0],
    ]);
    const caseNumber = `${first.case_year}-${String(first.case_seq).padStart(5, '0')}`;
    const box = page.getByRole('checkbox', { name: new RegExp(`Välj ${caseNumber}`) });
    await box.click();
    expect(await box.isChecked()).toBe(true);
    await page.getByRole('button', { name: /Bevilja valda \(1\)/ }).waitFor();
    await page.getByRole('button', { name: /Välj alla i steget .* \(10\)/ }).click();
    await page.getByRole('button', { name: 'Bevilja valda (10)' }).waitFor();
    await expectAccessible(page, device, `bulk-${device === PHONE ? 'phone' : 'desktop'}-selected`);

    // Meanwhile a colleague's decision on one of them: the bulk call must refuse that one and decide the rest.
    await app.http
      .post(`/api/v1/requests/${ids[3]}/decisions`)
      .set({ Authorization: `Bearer ${await app.token('hr.somatik')}` })
      .send({ outcome: 'approve' })
      .expect(201);

    await page.getByLabel('Kommentar (gäller alla valda ärenden)').fill('Sommarbemanning enligt plan');
    await page.getByRole('button', { name: 'Bevilja valda (10)' }).click();
    await page.getByText('Bevilja 10 ärenden? Varje ärende beslutas för sig.').waitFor();
    await page.getByRole('button', { name: 'Ja, bekräfta' }).click();
    const result = page.getByRole('region', { name: 'Resultat per ärende' });
    await result.getByText('9 ärenden beslutade, 1 avvisat.').waitFor();
    const refused = result.locator('li.bulk-refused');
    expect(await refused.count()).toBe(1);
    expect(await refused.textContent()).toMatch(
      new RegExp(`Avvisat: .*${supplier} 4.*Steget är inte längre öppet`),
    );
    expect(await result.locator('li.bulk-decided').count()).toBe(9);

    // The inbox refreshed: none of the ten is the HR partner's any more.
    await rows.first().waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(0);
    await expectAccessible(page, device, `bulk-${device === PHONE ? 'phone' : 'desktop'}-result`);
    const decided = await app.db.dataSource.query(
      `SELECT request_id, comment FROM decisions WHERE request_id = ANY($1) AND stage_name = 'staffing_review'`,
      [ids],
    );
    expect(decided).toHaveLength(10);
    expect(
      decided.filter((d: { comment: string | null }) => d.comment === 'Sommarbemanning enligt plan'),
    ).toHaveLength(9);
    expect(browser.errors).toEqual([]);
  });
});
