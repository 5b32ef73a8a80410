import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

const suite = webSuite();

describe('people and roles, in a real browser', () => {
  it('lets the admin find a person, give and end a stand-in role, deactivate them, and read it all in the change log', async () => {
    const today = stockholmDate(new Date());
    const admin = await signedInPage(suite.browser, suite.app.baseUrl, 'admin');
    await admin.getByRole('link', { name: 'Personer och roller' }).click();
    await admin.getByRole('heading', { name: 'Personer och roller', level: 1 }).waitFor();
    await admin.getByLabel('Sök person', { exact: true }).fill('jonas');
    await admin.getByRole('button', { name: 'Sök', exact: true }).click();
    await admin.getByText('1 person', { exact: true }).waitFor();
    expect(await auditPage(admin, '40-people-search')).toEqual([]);
    await admin.getByRole('link', { name: 'Jonas Ek (enhetschef Vuxenpsykiatrin)' }).click();
    await admin.getByRole('heading', { name: 'Jonas Ek (enhetschef Vuxenpsykiatrin)', level: 1 }).waitFor();

    // A role without a scope is refused by the API, and the refusal is shown at the field.
    const form = admin.getByRole('form', { name: 'Ge en roll' });
    await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'HR-partner' });
    await form.getByRole('button', { name: 'Lägg till roll' }).click();
    await form.getByText('Välj ett alternativ.').waitFor();

    await form
      .getByLabel('Omfattning', { exact: true })
      .selectOption({ label: 'Vuxenpsykiatrisk mottagning (PSY-VUX)' });
    await form.getByLabel('Till och med', { exact: true }).fill(addCalendarDays(today, 30));
    await form.getByRole('button', { name: 'Lägg till roll' }).click();
    const end = admin.getByRole('button', { name: 'Avsluta HR-partner PSY-VUX' });
    await end.waitFor();
    expect(await auditPage(admin, '41-person-role-added')).toEqual([]);
    await end.click();
    await end.waitFor({ state: 'detached' });

    await admin.getByRole('button', { name: 'Inaktivera' }).click();
    await admin.getByText('Ändringen är sparad.').waitFor();
    await admin.getByRole('button', { name: 'Aktivera igen' }).waitFor();
    expect(await auditPage(admin, '42-person-deactivated')).toEqual([]);

    await admin.getByRole('link', { name: 'Ändringslogg' }).click();
    await admin.getByRole('heading', { name: 'Ändringslogg', level: 1 }).waitFor();
    const rows = admin.getByRole('row').filter({ hasText: 'Jonas Ek' });
    await rows.filter({ hasText: 'Person: inaktiverad' }).getByText('Aktiv: Ja → Nej').waitFor();
    await rows
      .filter({ hasText: 'Person: roll tillagd' })
      .getByText(/^Ny roll: HR-partner, PSY-VUX/)
      .waitFor();
    await rows
      .filter({ hasText: 'Person: roll avslutad' })
      .getByText(/^Ändrad roll: HR-partner, PSY-VUX/)
      .waitFor();
    expect(await rows.first().textContent()).toContain('Systemadministratör');
    expect(await auditPage(admin, '43-admin-audit')).toEqual([]);
    expect(suite.browser.errors).toEqual([]);
  });
});
