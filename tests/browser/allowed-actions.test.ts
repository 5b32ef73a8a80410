import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

const suite = webSuite();

/** Only what the user may do is offered (issue 21 item 7), and a refusal is told in Swedish, not the API's English. */
describe('the review page offers only what the reviewer may do, in a real browser', () => {
  it('shows a stale decision in Swedish, then no form but the reason once the stage moved on to the director', async () => {
    const { app, browser } = suite;
    expect((await openReviewPeriod(app, 'agency_call_off')).status).toBe(201);
    const units = await unitIdsByCode(app);
    const submitted = await app.http
      .post('/api/v1/requests')
      .set(await bearer(app, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!))
      .expect(201);
    const id = submitted.body.id as string;

    // Two tabs: the form is open in this one while the decision is made in the other.
    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.goto(`${app.baseUrl}/review/${id}`);
    await hr.getByRole('radio', { name: 'Bevilja', exact: true }).check();
    await app.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(app, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    await hr.getByRole('button', { name: 'Registrera beslut' }).click();
    const alert = hr.getByRole('alert').filter({ hasText: 'Steget är inte längre öppet' });
    await alert.waitFor();
    expect(await alert.innerText()).not.toMatch(/stage|not open|Systemets svar/i);
    expect(await auditPage(hr, 'allowed-01-stale-decision')).toEqual([]);

    // Opened again: the stage is the director's, so no form, only why.
    await hr.goto(`${app.baseUrl}/review/${id}`);
    await hr.getByText(/Du har redan fattat beslut vid/).waitFor();
    expect(await hr.getByRole('button', { name: 'Registrera beslut' }).count()).toBe(0);
    expect(await hr.getByRole('radio', { name: 'Bevilja', exact: true }).count()).toBe(0);
    expect(await auditPage(hr, 'allowed-02-moved-on')).toEqual([]);

    // The request page offers HR no review button either; the director gets one.
    await hr.goto(`${app.baseUrl}/requests/${id}`);
    await hr.getByText(/Du har redan fattat beslut vid/).waitFor();
    expect(await hr.locator(`a[href="/review/${id}"]`).count()).toBe(0);
    const director = await signedInPage(browser, app.baseUrl, 'div.somatik');
    await director.goto(`${app.baseUrl}/review/${id}`);
    await director.getByRole('button', { name: 'Registrera beslut' }).waitFor();
    await hr.close();
    await director.close();
  });
});
