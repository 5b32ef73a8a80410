import { stockholmDate } from '@domain/calendar';
import { bearer, openReviewPeriod } from '../support/http-fixtures';
import { submitHire } from '../support/recommending-route';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(300_000);

const suite = webSuite();
const REASON = 'Enheten klarar nattbemanningen med den interna poolen under sommaren.';

describe('Beslutsvägar, in a real browser', () => {
  it('publishes version 2 from the page; a request from before finishes on version 1, one after follows version 2, and the director approves against HR’s avstyrkan', async () => {
    const { app, browser } = suite;
    const today = stockholmDate(new Date());
    expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
    const before = await submitHire(app, { title: 'Undersköterska, före version 2' });
    const admin = await signedInPage(browser, app.baseUrl, 'admin');
    await admin.getByRole('link', { name: 'Beslutsvägar' }).click();
    await admin.getByRole('heading', { name: 'Beslutsvägar', level: 1 }).waitFor();
    await admin.getByRole('row', { name: /Version 1 Gäller/ }).waitFor();
    await admin.getByRole('button', { name: 'Nytt utkast från version 1' }).click();
    await admin.getByRole('heading', { name: 'Utkast till version 2' }).waitFor();

    // HR recommends; the director decides.
    const hr = admin.getByRole('group', { name: 'Steg 1: HR-granskning' });
    await hr.getByLabel('Läge', { exact: true }).selectOption({ label: 'Tillstyrker' });

    // The executive decides hires above 1 MSEK a year instead of new permanent positions.
    const hires = admin.getByRole('region', { name: 'Anställningar' });
    await hires
      .getByRole('group', { name: 'Steg 3: Hälso- och sjukvårdsdirektörens beslut' })
      .getByRole('button', { name: /^Ta bort steget/ })
      .click();
    await hires.getByRole('button', { name: 'Lägg till steg för Anställningar' }).click();
    const executive = hires.getByRole('group', { name: 'Steg 3: Hälso- och sjukvårdsdirektörens beslut' });
    await executive.getByRole('button', { name: 'Lägg till villkor' }).click();
    await executive.getByLabel('Villkor 1: vad').selectOption({ label: 'Kostnad över belopp' });
    await executive.getByLabel('Villkor 1: belopp (kr)').fill('1000000');

    // A deadline of 0 is refused at its field.
    const director = hires.getByRole('group', { name: 'Steg 2: Divisionschefens beslut' });
    await director.getByLabel('Tidsfrist', { exact: true }).fill('0');
    await admin.getByRole('button', { name: 'Spara utkastet' }).click();
    await director.getByText('Måste vara minst 1.').waitFor();
    await admin.getByText('Ett problem hindrar publicering.').waitFor();
    expect(await auditPage(admin, '40-route-draft-problem')).toEqual([]);
    await director.getByLabel('Tidsfrist', { exact: true }).fill('3');
    await admin.getByRole('button', { name: 'Spara utkastet' }).click();
    await admin.getByText('Utkastet kan publiceras.').waitFor();

    const preview = admin.getByRole('region', { name: 'Förhandsgranska på ett exempel' });
    await preview.getByLabel('Månadskostnad inkl. PO (kr)').fill('100000');
    await preview.getByRole('button', { name: 'Förhandsgranska' }).click();
    await preview
      .getByText(
        /^Den här anställningen går: HR-granskning \(tillstyrker\) → divisionschefens beslut → hälso- och sjukvårdsdirektörens beslut, klar senast /,
      )
      .waitFor();
    await preview.getByLabel('Månadskostnad inkl. PO (kr)').fill('48000');
    await preview.getByRole('button', { name: 'Förhandsgranska' }).click();
    await preview
      .getByText(
        /^Den här anställningen går: HR-granskning \(tillstyrker\) → divisionschefens beslut, klar senast /,
      )
      .waitFor();

    const publish = admin.getByRole('form', { name: 'Publicera' });
    await publish.getByLabel('Gäller från', { exact: true }).fill(today);
    await publish.getByLabel('Diarienummer och paragraf', { exact: true }).fill('RS 2026/117 §4');
    await publish.getByRole('button', { name: 'Publicera versionen' }).click();
    await admin
      .getByRole('status')
      .getByText(/^Version 2 är publicerad och gäller från /)
      .waitFor();
    await admin.getByRole('row', { name: /Version 2 Gäller/ }).waitFor();
    await admin.getByRole('row', { name: /Version 1 Har upphört/ }).waitFor();
    expect(await auditPage(admin, '41-route-versions-published')).toEqual([]);

    const api = async (username: string) => bearer(app, username);
    const detail = async (id: string) =>
      (
        await app.http
          .get(`/api/v1/requests/${id}`)
          .set(await api('hrchef'))
          .expect(200)
      ).body;
    const decide = async (id: string, username: string, body: object) =>
      app.http
        .post(`/api/v1/requests/${id}/decisions`)
        .set(await api(username))
        .send(body)
        .expect(201);

    // Submitted before the version's start, the first request finishes on version 1: HR decides there.
    expect((await detail(before)).policyVersion).toBe(1);
    await decide(before, 'hr.somatik', { outcome: 'approve' });
    await decide(before, 'div.somatik', { outcome: 'approve' });
    expect(await detail(before)).toMatchObject({ policyVersion: 1, status: 'approved', recommendations: [] });

    // Submitted now, a hire below 1 MSEK a year follows version 2: HR recommends, the director decides.
    const after = await submitHire(app, { title: 'Undersköterska, efter version 2', monthlyCostSek: 48_000 });
    expect(await detail(after)).toMatchObject({
      policyVersion: 2,
      currentStage: { name: 'hr_review', mode: 'recommending' },
    });
    const hrPage = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hrPage.goto(`${app.baseUrl}/review/${after}`);
    await hrPage.getByRole('heading', { name: 'Yttrande: HR-granskning' }).waitFor();
    await hrPage.getByRole('radio', { name: 'Avstyrk', exact: true }).check();
    await hrPage.getByLabel('Skäl för avstyrkan', { exact: true }).fill(REASON);
    await hrPage.getByRole('button', { name: 'Registrera yttrande' }).click();
    await hrPage.getByText('Ditt yttrande är registrerat: avstyrkt.').waitFor();

    const directorPage = await signedInPage(browser, app.baseUrl, 'div.somatik');
    await directorPage.goto(`${app.baseUrl}/review/${after}`);
    await directorPage.getByRole('region', { name: 'Yttranden' }).getByText(REASON).waitFor();
    await directorPage.getByRole('radio', { name: 'Bevilja', exact: true }).check();
    await directorPage.getByRole('button', { name: 'Registrera beslut' }).click();
    await directorPage.getByText(/Ditt beslut är registrerat: beviljat/).waitFor();
    await directorPage.goto(`${app.baseUrl}/requests/${after}`);
    const timeline = directorPage.locator('ol.timeline');
    await timeline.getByText(/HR-granskning.*avstyrkt/i).waitFor();
    await timeline.getByText(/beslut.*beviljad/i).waitFor();
    expect(await auditPage(directorPage, '42-route-v2-approved-against-avstyrkan')).toEqual([]);
    expect(await detail(after)).toMatchObject({ status: 'approved', policyVersion: 2 });

    // Above 1 MSEK a year the executive decides too.
    const costly = await submitHire(app, { title: 'Överläkare, efter version 2', monthlyCostSek: 100_000 });
    await decide(costly, 'hr.somatik', { outcome: 'recommend_approve' });
    await decide(costly, 'div.somatik', { outcome: 'approve' });
    expect((await detail(costly)).currentStage).toMatchObject({
      name: 'executive_decision',
      mode: 'deciding',
    });
    await hrPage.close();
    await directorPage.close();
  });
});
