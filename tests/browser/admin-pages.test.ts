import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

const suite = webSuite();

describe('the admin and reviewer pages, in a real browser', () => {
  it('warns that the hire period ends within the first warning (60 days) until the admin records its extension', async () => {
    const today = stockholmDate(new Date());
    const ends = addCalendarDays(today, 10);
    const admin = await signedInPage(suite.browser, suite.app.baseUrl, 'admin');
    await admin.getByRole('heading', { name: 'Prövningsperioder' }).waitFor();
    await admin.getByText(/Anställningar: ingen prövningsperiod gäller i dag/).waitFor();

    await admin.getByLabel('Slag', { exact: true }).selectOption({ label: 'Anställningar' });
    await admin.getByLabel('Gäller från och med', { exact: true }).fill(addCalendarDays(today, -30));
    await admin.getByLabel('Gäller till och med', { exact: true }).fill(ends);
    await admin.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/1895/2025 §42');
    await admin.getByLabel('Beslutsdatum', { exact: true }).fill(addCalendarDays(today, -40));
    await admin.getByRole('button', { name: 'Registrera period' }).click();
    await admin.getByText('Perioden är registrerad.').waitFor();
    const warning = admin
      .getByRole('alert')
      .filter({ hasText: 'Anställningar: prövningsperioden upphör snart' });
    await warning.getByText(/om 10 dagar, och ingen förlängning är registrerad/).waitFor();
    expect(await auditPage(admin, '20-review-periods-warning')).toEqual([]);

    // An overlapping period is refused by the API, and the refusal is shown at the field.
    await admin.getByLabel('Slag', { exact: true }).selectOption({ label: 'Anställningar' });
    await admin.getByLabel('Gäller från och med', { exact: true }).fill(today);
    await admin.getByLabel('Gäller till och med', { exact: true }).fill(ends);
    await admin.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/1/2026');
    await admin.getByLabel('Beslutsdatum', { exact: true }).fill(today);
    await admin.getByRole('button', { name: 'Registrera period' }).click();
    await admin.getByText('Perioden överlappar en annan period av samma slag.').waitFor();

    await admin.getByRole('button', { name: /^Förläng HSN\/1895\/2025/ }).click();
    const extension = admin.getByRole('form', { name: 'Förläng prövningsperioden' });
    await extension.getByLabel('Gäller till och med', { exact: true }).fill(addCalendarDays(ends, 91));
    await extension.getByLabel('Diarienummer och paragraf', { exact: true }).fill('HSN/412/2026 §18');
    await extension.getByLabel('Beslutsdatum', { exact: true }).fill(today);
    await extension.getByRole('button', { name: 'Förläng' }).click();
    await admin.getByText(/En förlängning är registrerad/).waitFor();
    expect(await warning.count()).toBe(0);
    await admin.getByRole('cell', { name: /Förlänger HSN\/1895\/2025 §42/ }).waitFor();
    expect(await auditPage(admin, '21-review-periods-extended')).toEqual([]);
    expect(suite.browser.errors).toEqual([]);
  });

  it('lets a reviewer name a stand-in for a date range, offering only people with her role and division', async () => {
    const today = stockholmDate(new Date());
    const hr = await signedInPage(suite.browser, suite.app.baseUrl, 'hr.somatik');
    await hr.getByRole('link', { name: 'Frånvaro' }).click();
    await hr.getByRole('heading', { name: 'Frånvaro', level: 1 }).waitFor();
    await hr.getByText('Inga ersättare är registrerade.').waitFor();
    // The HR lead and the other division's HR partner hold other roles or scopes: not offered.
    const picker = hr.getByLabel('Ersättare', { exact: true });
    await picker.locator('option', { hasText: 'Maria Olsson' }).waitFor({ state: 'attached' });
    const offered = await picker.locator('option').allTextContents();
    expect(offered).not.toContain('Karin Holm (HR-chef)');
    expect(offered).not.toContain('Ali Hassan (HR-partner Psykiatri)');
    await picker.selectOption({ label: 'Maria Olsson (HR-partner Somatik)' });
    await hr.getByLabel('Från och med', { exact: true }).fill(addCalendarDays(today, 7));
    await hr.getByLabel('Till och med', { exact: true }).fill(addCalendarDays(today, 35));
    await hr.getByRole('button', { name: 'Registrera ersättare' }).click();
    await hr.getByText('Ersättaren är registrerad.').waitFor();
    expect(await auditPage(hr, '22-out-of-office')).toEqual([]);
    expect(suite.browser.errors).toEqual([]);
  });
});
