import { stockholmDate } from '@domain/calendar';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(240_000);

let app: WebTestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startWebTestApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('Beslutsvägar, in a real browser', () => {
  it('lets the admin draft a version from version 1, see a bad field, preview it and publish it from today', async () => {
    const today = stockholmDate(new Date());
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
  });
});
