import { openReviewPeriod } from '../support/http-fixtures';
import { publishRecommendingRoute, submitHire } from '../support/recommending-route';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

const suite = webSuite();
const REASON = 'Budgeten för 2026 räcker inte; pröva den interna poolen först.';

describe('a recommending stage in the review page, in a real browser', () => {
  it('lets HR avstyrka, shows the avstyrkan to the director, who approves, and the timeline keeps both', async () => {
    const { app, browser } = suite;
    expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
    await publishRecommendingRoute(app);
    const id = await submitHire(app, { title: 'Sjuksköterska, yttrande' });

    const hr = await signedInPage(browser, app.baseUrl, 'hr.somatik');
    await hr.goto(`${app.baseUrl}/review/${id}`);
    await hr.getByRole('heading', { name: 'Yttrande: HR-granskning' }).waitFor();
    // A recommending stage offers tillstyrk, avstyrk and return, and no decision.
    for (const outcome of ['Tillstyrk', 'Avstyrk', 'Skicka tillbaka för komplettering']) {
      await hr.getByRole('radio', { name: outcome, exact: true }).waitFor();
    }
    expect(await hr.getByRole('radio', { name: 'Bevilja', exact: true }).count()).toBe(0);
    await hr.getByRole('radio', { name: 'Avstyrk', exact: true }).check();
    await hr.getByLabel('Skäl för avstyrkan', { exact: true }).fill(REASON);
    expect(await auditPage(hr, 'recommend-01-hr-avstyrker')).toEqual([]);
    await hr.getByRole('button', { name: 'Registrera yttrande' }).click();
    await hr.getByText('Ditt yttrande är registrerat: avstyrkt.').waitFor();

    const director = await signedInPage(browser, app.baseUrl, 'div.somatik');
    await director.goto(`${app.baseUrl}/review/${id}`);
    const panel = director.getByRole('region', { name: 'Yttranden' });
    await panel.waitFor();
    await panel.getByText(/Avstyrkt av/).waitFor();
    await panel.getByText(REASON).waitFor();
    expect(await director.getByRole('radio', { name: 'Tillstyrk', exact: true }).count()).toBe(0);
    expect(await auditPage(director, 'recommend-02-director-sees-yttranden')).toEqual([]);
    await director.getByRole('radio', { name: 'Bevilja', exact: true }).check();
    await director.getByRole('button', { name: 'Registrera beslut' }).click();
    await director.getByText(/Ditt beslut är registrerat: beviljat/).waitFor();

    await director.goto(`${app.baseUrl}/requests/${id}`);
    const timeline = director.locator('ol.timeline');
    await timeline.getByText(/HR-granskning.*avstyrkt/i).waitFor();
    await timeline.getByText(/beslut.*beviljad/i).waitFor();
    await timeline.getByText(REASON).waitFor();
    await hr.close();
    await director.close();
  });
});
