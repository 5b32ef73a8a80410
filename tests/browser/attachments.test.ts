import { readFileSync } from 'node:fs';
import { aPdf } from '../support/attachment-files';
import { openReviewPeriod } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

/**
 * An agency call-off submitted with the supplier's offer attached (a real PDF), by clicking: the unit manager
 * picks the file on the new-request form, and the HR reviewer of the division sees it in the review and
 * downloads exactly those bytes.
 */
const suite = webSuite();
const OFFER = 'Offert Läkarbemanning AB.pdf';

describe('attachments in a real browser', () => {
  it('sends the offer with the call-off and lets the HR reviewer download it from the review', async () => {
    const { app, browser } = suite;
    expect((await openReviewPeriod(app, 'agency_call_off')).status).toBe(201);
    const offer = await aPdf('Offert: 320 timmar läkare, 450 000 kr');

    const chef = await signedInPage(browser, app.baseUrl, 'chef.akuten');
    await chef.goto(`${app.baseUrl}/requests/new?kind=agency_call_off`);
    await chef.getByRole('heading', { name: 'Ny begäran' }).waitFor();
    await chef.getByLabel('Yrkeskategori', { exact: true }).selectOption({ label: 'Läkare' });
    await chef.getByLabel('Leverantör', { exact: true }).fill('Läkarbemanning AB');
    await chef.getByLabel('Ramavtal', { exact: true }).fill('RA-2024-17');
    await chef.getByLabel('Från och med', { exact: true }).fill('2031-06-15');
    await chef.getByLabel('Till och med', { exact: true }).fill('2031-08-15');
    await chef.getByLabel('Omfattning (timmar)', { exact: true }).fill('320');
    await chef.getByLabel('Beräknad kostnad (kr)', { exact: true }).fill('450000');
    await chef.getByLabel('Orsak', { exact: true }).selectOption({ label: 'Semesterperiod' });
    await chef.getByRole('checkbox', { name: 'Intern bemanningspool' }).check();
    await chef
      .getByLabel('Motivering', { exact: true })
      .fill('Läkare saknas under semestern; poolen är tom.');
    await chef
      .getByLabel('Bifoga fil', { exact: true })
      .setInputFiles({ name: OFFER, mimeType: 'application/pdf', buffer: offer });
    await chef.getByText(OFFER).waitFor();
    expect(await auditPage(chef, '40-new-call-off-with-attachment')).toEqual([]);
    await chef.getByRole('button', { name: 'Skicka in för prövning' }).click();
    await chef.getByText('Din begäran är inskickad.').waitFor();
    await chef.getByRole('button', { name: `Ladda ned ${OFFER}` }).waitFor();
    await chef.getByText(/Bilagan Offert Läkarbemanning AB\.pdf \(\d+(,\d)? kB\) lades till\./).waitFor();
    expect(await auditPage(chef, '41-request-with-attachment')).toEqual([]);
    const requestId = chef.url().split('/').pop()!;

    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.goto(`${app.baseUrl}/review/${requestId}`);
    const link = hr.getByRole('button', { name: `Ladda ned ${OFFER}` });
    await link.waitFor();
    expect(await auditPage(hr, '42-review-with-attachment')).toEqual([]);
    const [download] = await Promise.all([hr.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(OFFER);
    expect(Buffer.compare(readFileSync((await download.path())!), offer)).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it('tells the reviewer in Swedish why a file of the wrong kind is refused, and stores nothing', async () => {
    const { app, browser } = suite;
    const [request] = await app.db.dataSource.query(
      `SELECT id FROM requests WHERE kind = 'agency_call_off' ORDER BY submitted_at DESC LIMIT 1`,
    );
    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.goto(`${app.baseUrl}/review/${request.id}`);
    await hr.getByLabel('Bifoga fil', { exact: true }).setInputFiles({
      name: 'offert.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html></html>'),
    });
    await hr.getByRole('button', { name: 'Ladda upp' }).click();
    await hr.getByText(/Filtypen tas inte emot/).waitFor();
    expect(await auditPage(hr, '43-attachment-refused')).toEqual([]);
    const [{ files }] = await app.db.dataSource.query(
      `SELECT count(*)::int AS files FROM attachments WHERE request_id = $1`,
      [request.id],
    );
    expect(files).toBe(1);
  });
});
