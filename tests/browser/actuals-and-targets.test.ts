import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths } from '@domain/cost-progress';
import { stockholmDate } from '@domain/calendar';
import { ACTUAL_COLUMNS } from '@domain/cost-actuals';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

/**
 * The steering group's follow-up role imports the ledger's actuals in a real browser (a bad file first, then a
 * correction of last month), and reads them on the statistics page against a year earlier and the targets.
 */
const suite = webSuite();
const lastMonth = addMonths(stockholmDate(new Date()).slice(0, 7), -1);
const csv = (rows: string[][]) => [ACTUAL_COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\n');

describe('actuals and targets, in a real browser', () => {
  it('imports actuals after a dry run and shows them, with their definitions, on the statistics page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'provning-actuals-'));
    const bad = join(dir, 'fel.csv');
    await writeFile(
      bad,
      csv([
        [lastMonth, 'SAKNAS', '5', '100'],
        [lastMonth, 'PSY', '-5', '100'],
      ]),
    );
    const good = join(dir, 'utfall.csv');
    await writeFile(good, csv([[lastMonth, 'RPK', '123 000', '3 400 000']]));

    // A region target for this year, whatever year the test runs in (the demo's are for 2026).
    await suite.app.http
      .put('/api/v1/cost-targets')
      .set({ Authorization: `Bearer ${await suite.app.token('admin')}` })
      .send({
        year: Number(lastMonth.slice(0, 4)),
        divisionId: null,
        agencyReductionSek: 1_000_000,
        agencyShareCeiling: 0.05,
      })
      .expect(200);
    const page = await signedInPage(suite.browser, suite.app.baseUrl, 'styrgrupp');
    await page.getByRole('link', { name: 'Importera utfall' }).click();
    await page.getByRole('heading', { name: 'Importera utfall', level: 1 }).waitFor();
    await page.getByLabel('Fil', { exact: true }).setInputFiles(bad);
    await page.getByRole('button', { name: 'Provkör' }).click();
    const problems = page.getByRole('table', { name: 'Fel i filen per blad och rad' });
    await problems
      .getByRole('row', { name: /fel\.csv 2 enhetskod ”SAKNAS” är ingen division eller enhet/ })
      .waitFor();
    await problems.getByRole('row', { name: /inhyrd personal ”-5” är negativt/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Genomför importen' }).count()).toBe(0);
    expect(await auditPage(page, 'actuals-00-bad-rows')).toEqual([]);

    await page.getByLabel('Fil', { exact: true }).setInputFiles(good);
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.getByRole('heading', { name: 'Provkörning av utfall.csv' }).waitFor();
    expect(
      await page
        .getByRole('row', { name: /^Ändras/ })
        .getByRole('cell')
        .allInnerTexts(),
    ).toEqual(['1']);
    expect(await auditPage(page, 'actuals-01-dry-run')).toEqual([]);
    await page.getByRole('button', { name: 'Genomför importen' }).click();
    await page.getByText('Importen av utfall.csv är genomförd.').waitFor();
    const [row] = await suite.app.db.dataSource.query(
      `SELECT a.agency_cost_sek::int AS agency FROM cost_actuals a JOIN org_units o ON o.id = a.org_unit_id
        WHERE o.code = 'RPK' AND a.month = $1::date`,
      [`${lastMonth}-01`],
    );
    expect(row.agency).toBe(123_000);

    await page.getByRole('link', { name: 'Statistik' }).click();
    const section = page.getByRole('region', { name: 'Utfall och mål' });
    await section
      .getByRole('table', { name: 'Utfall per månad jämfört med samma månad året före' })
      .waitFor();
    await section.getByText(/Inhyrd personal delat med de totala personalkostnaderna/).waitFor();
    await section
      .getByRole('table', { name: /^Mål och utfall \d{4}$/ })
      .first()
      .waitFor();
    await section.getByRole('rowheader', { name: 'Hela regionen' }).first().waitFor();
    expect(await auditPage(page, 'actuals-02-statistics')).toEqual([]);
    await page.getByRole('link', { name: 'Mål', exact: true }).click();
    await page.getByRole('heading', { name: 'Mål', level: 1 }).waitFor();
    expect(await auditPage(page, 'actuals-03-targets')).toEqual([]);
  });
});
