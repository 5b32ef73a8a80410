import { freePort } from '@local/ports';
import { aHireBody, aReviewPeriodBody, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { startOpenIdProvider, type TestOpenIdProvider } from './support/openid-provider';
import { providerSignIn } from './support/provider-sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(240_000);

const AUDIENCE = 'provning-api';
const CLIENT_ID = 'provning-web';
const CONTACT = 'HR-funktionen, hr@region.se';
const TITLE = 'Sjuksköterska akutmottagning';

let app: WebTestApp;
let op: TestOpenIdProvider;
let browser: TestBrowser;
let provider: ReturnType<typeof providerSignIn>;

beforeAll(async () => {
  // The provider's address goes into the API's settings, and the web app's address into the provider's client.
  const opPort = await freePort();
  const issuer = `http://127.0.0.1:${opPort}`;
  app = await startWebTestApp({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_JWKS_URL: `${issuer}/jwks`,
    OIDC_CLIENT_IDS: CLIENT_ID,
    ACCESS_CONTACT: CONTACT,
  });
  op = await startOpenIdProvider({
    port: opPort,
    webOrigin: app.baseUrl,
    audience: AUDIENCE,
    clientId: CLIENT_ID,
  });
  browser = await launchBrowser();
  provider = providerSignIn(browser, app.baseUrl, op.issuer);
});

afterAll(async () => {
  await browser?.close();
  await op?.stop();
  await app?.stop();
});

describe('sign-in through the region’s OpenID Provider, in a real browser', () => {
  it('signs an HR reviewer in, lets them decide, and signs out so the next sign-in asks for credentials', async () => {
    const admin = { Authorization: `Bearer ${await provider.tokenOf('admin.region')}` };
    await app.http.post('/api/v1/review-periods').set(admin).send(aReviewPeriodBody('hire')).expect(201);
    const chef = { Authorization: `Bearer ${await provider.tokenOf('karin.chef')}` };
    const unitId = (await unitIdsByCode(app)).get('SOM-AKUT')!;
    await app.http
      .post('/api/v1/requests')
      .set(chef)
      .send(aHireBody(unitId, { title: TITLE }))
      .expect(201);

    const page = await provider.nextPerson();
    await provider.signIn(page, 'anna.berg');
    await page.getByRole('heading', { name: 'Att pröva' }).waitFor();
    // The provider's subject is bound to the pre-imported user its preferred_username named.
    const [bound] = await app.db.dataSource.query(
      `SELECT external_issuer, external_subject FROM users WHERE username = 'hr.somatik'`,
    );
    expect(bound).toEqual({ external_issuer: op.issuer, external_subject: 'anna.berg' });

    const row = page.getByRole('row').filter({ hasText: TITLE }).filter({ hasText: 'HR-granskning' });
    await row.getByRole('link', { name: /Pröva/ }).click();
    await page.getByRole('heading', { name: /Beslut: HR-granskning/ }).waitFor();
    await page.getByRole('radio', { name: 'Bevilja', exact: true }).check();
    await page.getByRole('button', { name: 'Registrera beslut' }).click();
    await page.getByText('är registrerat').waitFor();

    await page.getByRole('button', { name: 'Logga ut' }).click();
    // The provider asks whether to end its session too; then it sends the browser back to Prövning's sign-in.
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.waitForURL(`${app.baseUrl}/signin`);
    expect(await provider.token(page)).toBeNull();
    expect(await provider.stored(page, 'provning.oidc.idToken')).toBeNull();

    // The next person at this computer is asked who they are, not signed in as Anna.
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await provider.loginForm(page).waitFor();
    expect(new URL(page.url()).origin).toBe(op.issuer);
    await page.close();
  });

  it('shows a person the region knows but Prövning has given no role whom to ask for access', async () => {
    const page = await provider.nextPerson();
    await provider.signIn(page, 'ny.person');
    await page.getByRole('heading', { name: 'Du har inget uppdrag i Prövning ännu' }).waitFor();
    await page.getByText('Nils Nyberg (ny.person)').waitFor();
    await page.getByText(CONTACT).waitFor();
    expect(await auditPage(page, 'oidc-01-no-access')).toEqual([]);
    const [created] = await app.db.dataSource.query(
      `SELECT u.username, u.email, count(r.*)::int AS roles FROM users u
         LEFT JOIN role_assignments r ON r.user_id = u.id WHERE u.external_subject = 'ny.person' GROUP BY u.id`,
    );
    expect(created).toEqual({ username: 'ny.person', email: 'nils.nyberg@region.example', roles: 0 });
    await page.close();
  });

  it('refuses a callback whose state was changed on the way, with a message, and signs nobody in', async () => {
    const page = await provider.nextPerson();
    // The provider's real answer, with its state replaced: what a login-CSRF attacker's link looks like. The
    // browser follows the consent page's redirects itself, out of the test's reach, so the test follows them here.
    const consent = (url: URL) => url.origin === op.issuer && url.pathname.startsWith('/interaction/');
    await page.route(consent, async (route) => {
      if (!route.request().postData()?.includes('prompt=consent')) return route.continue();
      let response = await route.fetch({ maxRedirects: 0 });
      let location = response.headers().location;
      while (location && !location.startsWith(`${app.baseUrl}/auth/callback`)) {
        response = await page
          .context()
          .request.get(new URL(location, op.issuer).toString(), { maxRedirects: 0 });
        location = response.headers().location;
      }
      const callback = new URL(location!);
      expect(callback.searchParams.get('code')).toBeTruthy();
      callback.searchParams.set('state', 'tampered');
      await route.fulfill({ status: 302, headers: { location: callback.toString() } });
    });
    await provider.throughProvider(page, 'anna.berg');
    await page
      .getByRole('alert')
      .getByText('svaret inte hörde till en inloggning')
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}\n${page.url()}\n${await page.locator('body').innerText()}`);
      });
    expect(new URL(page.url()).searchParams.get('state')).toBe('tampered');
    expect(await auditPage(page, 'oidc-02-refused-state')).toEqual([]);
    expect(await provider.token(page)).toBeNull();

    // A callback in a tab that started no sign-in at all (no stored state) is refused the same way.
    const fresh = await provider.nextPerson();
    await fresh.goto(`${app.baseUrl}/auth/callback?code=stolen-code`);
    await fresh.getByRole('alert').getByText('svaret inte hörde till en inloggning').waitFor();
    expect(await provider.token(fresh)).toBeNull();
    await page.close();
    await fresh.close();
  });

  it('refuses an ID token whose nonce is not the one this tab sent, with a message, and signs nobody in', async () => {
    const page = await provider.nextPerson();
    // The tab's stored nonce changes before the callback runs: the provider's ID token then carries another
    // flow's nonce, as an injected code from another sign-in would.
    await page.addInitScript(
      `if (location.pathname === '/auth/callback') sessionStorage.setItem('provning.oidc.nonce', 'another');`,
    );
    await provider.throughProvider(page, 'anna.berg');
    await page.getByRole('alert').getByText('inte gick att kontrollera').waitFor();
    expect(await provider.token(page)).toBeNull();
    await page.close();
  });

  it('tells a person whose account Prövning has deactivated so, instead of showing the sign-in page again', async () => {
    await app.db.dataSource.query(`UPDATE users SET active = false WHERE username = 'div.psykiatri'`);
    try {
      const page = await provider.nextPerson();
      await provider.throughProvider(page, 'gammal.anstalld');
      await page.getByRole('alert').getByText('Prövning känner inte igen ditt konto').waitFor();
      await page.getByRole('alert').getByText(CONTACT).waitFor();
      expect(await provider.token(page)).toBeNull();
      await page.close();
    } finally {
      await app.db.dataSource.query(`UPDATE users SET active = true WHERE username = 'div.psykiatri'`);
    }
  });
});
