import { stockholmDate } from '@domain/calendar';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

const suite = webSuite();

describe('the organisation page, in a real browser', () => {
  it('lets the admin add a unit, change it and close it, with refusals shown at their fields', async () => {
    const today = stockholmDate(new Date());
    const admin = await signedInPage(suite.browser, suite.app.baseUrl, 'admin');
    await admin.getByRole('link', { name: 'Organisation', exact: true }).click();
    await admin.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await admin.getByRole('cell', { name: 'SOM-AKUT', exact: true }).waitFor();
    expect(await auditPage(admin, '40-organisation')).toEqual([]);

    const form = admin.getByRole('form', { name: 'Ny division eller enhet' });
    await form.getByLabel('Nivå', { exact: true }).selectOption({ label: 'Enhet' });
    // A code another unit has is refused by the API and shown at the field.
    await form.getByLabel('Kod', { exact: true }).fill('SOM-AKUT');
    await form.getByLabel('Namn', { exact: true }).fill('Geriatrisk mottagning');
    await form.getByLabel('Division', { exact: true }).selectOption({ index: 1 });
    await form.getByLabel('Budgetram', { exact: true }).fill('4 500 000');
    await form.getByLabel('Egen personalkostnad per år', { exact: true }).fill('3200000');
    await form.getByRole('button', { name: 'Lägg till' }).click();
    await form.getByText('Koden SOM-AKUT används redan av en annan enhet.').waitFor();
    expect(await auditPage(admin, '41-organisation-refused')).toEqual([]);

    await form.getByLabel('Kod', { exact: true }).fill('SOM-GER');
    await form.getByRole('button', { name: 'Lägg till' }).click();
    await admin.getByText('SOM-GER är tillagd.').waitFor();
    const row = admin
      .getByRole('row')
      .filter({ has: admin.getByRole('cell', { name: 'SOM-GER', exact: true }) });
    await row.getByText('Geriatrisk mottagning').waitFor();
    await row.getByText('4 500 000 kr').waitFor();

    await row.getByRole('button', { name: 'Ändra SOM-GER' }).click();
    const edit = admin.getByRole('form', { name: 'Ändra SOM-GER' });
    await edit.getByLabel('Namn', { exact: true }).fill('Geriatrik och rehabilitering');
    await edit.getByLabel('Gäller till och med', { exact: true }).fill('2020-01-01');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.getByText(`Datumet får inte ha passerat (i dag är det ${today}).`).waitFor();
    await edit.getByLabel('Gäller till och med', { exact: true }).fill('');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.waitFor({ state: 'detached' });
    await admin.getByRole('cell', { name: 'Geriatrik och rehabilitering', exact: true }).waitFor();

    await admin.getByRole('button', { name: 'Stäng SOM-GER' }).click();
    const close = admin.getByRole('form', { name: /^Stäng SOM-GER/ });
    expect(await close.getByLabel('Gäller till och med', { exact: true }).inputValue()).toBe(today);
    expect(await auditPage(admin, '42-organisation-close')).toEqual([]);
    await close.getByRole('button', { name: 'Stäng enheten' }).click();
    await close.waitFor({ state: 'detached' });
    await admin
      .getByRole('row')
      .filter({ has: admin.getByRole('cell', { name: 'SOM-GER', exact: true }) })
      .getByRole('cell', { name: new RegExp(`– ${Number(today.slice(8))} `) })
      .waitFor();

    // The filter: the unit is open through today, so closed units exclude it and the search finds it.
    await admin.getByLabel('Sök på kod eller namn', { exact: true }).fill('geriatrik');
    await admin.getByRole('cell', { name: 'SOM-GER', exact: true }).waitFor();
    // The list answers the search a moment after the typing: wait for the other units to go.
    await admin.getByRole('cell', { name: 'SOM-AKUT', exact: true }).waitFor({ state: 'detached' });
    await admin.getByLabel('Status', { exact: true }).selectOption({ label: 'Stängda' });
    await admin.getByText('Inga enheter matchar sökningen.').waitFor();
    expect(await auditPage(admin, '43-organisation-filtered')).toEqual([]);

    const audit = await suite.app.db.dataSource.query(
      `SELECT action FROM admin_audit_log WHERE entity = 'org_unit' ORDER BY at, id`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'change', 'close']);
    expect(suite.browser.errors).toEqual([]);
  });
});
