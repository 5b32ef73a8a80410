import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@local/ports';
import { workbookOf } from '@org-import/template';
import { aReviewPeriodBody } from '../support/http-fixtures';
import { ADMIN_ROW, aRegion, REGION, runImportCli } from '../support/region-file';
import { auditPage } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { startOpenIdProvider, type TestOpenIdProvider } from './support/openid-provider';
import { providerSignIn } from './support/provider-sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(300_000);

const AUDIENCE = 'provning-api';
const CLIENT_ID = 'provning-web';
const TITLE = 'Undersköterska nattpatrull';

const region = aRegion();
/** The person rows (id, name, e-mail, role, scope) of the region file. */
const rows = region.people.map(
  ([id, name, email, role, scope]) =>
    ({ id, name, email, role, scope }) as Record<'id' | 'name' | 'email' | 'role' | 'scope', string>,
);
const requester = rows.find(
  (r) => r.role === 'requester' && !rows.some((o) => o.id === r.id && o.role !== r.role),
)!;
const unitCode = requester.scope;
const divisionOf = (code: string) => region.units.find((u) => u[0] === code)![1] as string;
const division = divisionOf(unitCode);
const reviewer = rows.find((r) => r.role === 'hr_reviewer' && r.scope === division)!;
const otherReviewer = rows.find((r) => r.role === 'hr_reviewer' && r.scope !== division)!;
const admin = { id: ADMIN_ROW[0] as string, name: ADMIN_ROW[1] as string, email: ADMIN_ROW[2] as string };
/** The provider knows the region's people by a login of their own; Prövning links them by their HSA id. */
const login = (p: { id: string }) => `login-${p.id.toLowerCase()}`;
const claimsOf = (p: { id: string; name: string; email: string }) => ({
  preferred_username: login(p),
  name: p.name,
  email: p.email,
  employeeHsaId: p.id,
});

let app: WebTestApp;
let op: TestOpenIdProvider;
let browser: TestBrowser;
let provider: ReturnType<typeof providerSignIn>;
let dir: string;

beforeAll(async () => {
  const opPort = await freePort();
  const issuer = `http://127.0.0.1:${opPort}`;
  // A region's first start: OIDC, no demo organisation, people linked by the HSA id in the provider's token.
  app = await startWebTestApp(
    {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      OIDC_CLIENT_IDS: CLIENT_ID,
      OIDC_LINK_CLAIM: 'employeeHsaId',
      OIDC_LINK_FIELD: 'employeeId',
      ACCESS_CONTACT: 'HR-funktionen, hr@region.example',
    },
    { seedDemo: false },
  );
  op = await startOpenIdProvider({
    port: opPort,
    webOrigin: app.baseUrl,
    audience: AUDIENCE,
    clientId: CLIENT_ID,
    people: Object.fromEntries(
      [admin, requester, reviewer, otherReviewer].map((p) => [login(p), claimsOf(p)]),
    ),
  });
  browser = await launchBrowser();
  provider = providerSignIn(browser, app.baseUrl, op.issuer);
  dir = await mkdtemp(join(tmpdir(), 'region-onboarding-'));
});

afterAll(async () => {
  await browser?.close();
  await op?.stop();
  await app?.stop();
});

const count = async (table: string) =>
  Number((await app.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('a region goes live from an empty database, in a real browser through its OpenID Provider', () => {
  it('imports its organisation from one XLSX (dry run, then apply); a person from the file submits and the right reviewer sees it', async () => {
    expect({ units: await count('org_units'), users: await count('users') }).toEqual({ units: 0, users: 0 });

    // The first admin comes from the command line, as the nightly job would import: one division and the admin.
    const first = join(dir, 'first-admin.xlsx');
    await writeFile(first, await workbookOf({ units: [region.units[0]], people: [ADMIN_ROW] }));
    const bootstrap = await runImportCli([first, '--apply'], app.db.url);
    expect(bootstrap).toMatchObject({ code: 0 });

    const file = join(dir, 'region.xlsx');
    await writeFile(file, await workbookOf(region));
    const page = await provider.nextPerson();
    await provider.signIn(page, login(admin));
    await page.getByRole('link', { name: 'Importera organisation' }).click();
    await page.getByRole('heading', { name: 'Importera organisation' }).waitFor();
    // A file with bad rows first: each is shown by line and field, in Swedish, and nothing changes.
    const bad = join(dir, 'bad.xlsx');
    await writeFile(
      bad,
      await workbookOf({
        units: [
          ...region.units.slice(0, 7),
          ['U001', 'U002', 'Enhet 1', 'unit', '', '', '', ''],
          ['U002', 'U001', 'Enhet 2', 'unit', '', '', '', ''],
        ],
        people: [['SE-9', 'Nio', '', 'chef', 'DIV1', '', ''], ADMIN_ROW],
      }),
    );
    await page.getByLabel('Fil', { exact: true }).setInputFiles(bad);
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page
      .getByRole('alert')
      .getByText(/^bad\.xlsx har \d+ fel\. Ingenting har ändrats\.$/)
      .waitFor();
    const problems = page.getByRole('table', { name: 'Fel i filen per blad och rad' });
    await problems.getByRole('row', { name: /Personer 2 roll ”chef” är ingen roll\./ }).waitFor();
    await problems
      .getByRole('row', { name: /Enheter 9 överordnad kod Trädet har en cykel: U001 → U002 → U001\./ })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Genomför importen' }).count()).toBe(0);
    expect(await auditPage(page, 'onboarding-00-bad-rows')).toEqual([]);
    expect(await count('org_units')).toBe(1);

    await page.getByLabel('Fil', { exact: true }).setInputFiles(file);

    let started = Date.now();
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.getByRole('heading', { name: 'Provkörning av region.xlsx' }).waitFor();
    const dryRunMs = Date.now() - started;
    const created = page.getByRole('row', { name: /^Skapas/ });
    expect(await created.getByRole('cell').allInnerTexts()).toEqual([
      String(REGION.divisions + REGION.units - 1),
      String(REGION.people),
    ]);
    expect(
      await page
        .getByRole('row', { name: /^Oförändrade/ })
        .getByRole('cell')
        .allInnerTexts(),
    ).toEqual(['1', '1']);
    expect(await count('users')).toBe(1);
    expect(await auditPage(page, 'onboarding-01-dry-run')).toEqual([]);

    started = Date.now();
    await page.getByRole('button', { name: 'Genomför importen' }).click();
    await page.getByText('Importen av region.xlsx är genomförd.').waitFor();
    const applyMs = Date.now() - started;
    expect({ units: await count('org_units'), users: await count('users') }).toEqual({
      units: REGION.divisions + REGION.units,
      users: REGION.people + 1,
    });
    process.stdout.write(
      `region import through the admin page: ${REGION.divisions} divisions, ${REGION.units} units, ` +
        `${REGION.people} people; dry run ${dryRunMs} ms, apply ${applyMs} ms (click to answer shown)\n`,
    );

    // The same file again changes nothing.
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.getByText('Filen stämmer med organisationen i Prövning.').waitFor();

    const adminToken = (await provider.token(page))!;
    await app.http
      .post('/api/v1/review-periods')
      .set({ Authorization: `Bearer ${adminToken}` })
      .send(aReviewPeriodBody('hire'))
      .expect(201);
    await page.close();

    // A unit manager from the file signs in for the first time and submits a hire.
    const chef = await provider.nextPerson();
    await provider.signIn(chef, login(requester));
    await chef.getByRole('heading', { name: 'Mina ärenden' }).waitFor();
    const [linked] = await app.db.dataSource.query(
      `SELECT external_issuer AS issuer, external_subject AS subject FROM users WHERE employee_id = $1`,
      [requester.id],
    );
    expect(linked).toEqual({ issuer: op.issuer, subject: login(requester) });
    await chef.getByRole('link', { name: 'Ny begäran' }).first().click();
    await chef.getByRole('heading', { name: 'Ny begäran' }).waitFor();
    await chef.getByLabel('Befattning', { exact: true }).fill(TITLE);
    await chef.getByLabel('Yrkeskategori', { exact: true }).selectOption({ label: 'Undersköterska' });
    await chef.getByRole('radio', { name: 'Särskild visstidsanställning' }).check();
    await chef.getByLabel('Startdatum', { exact: true }).fill('2031-02-01');
    await chef.getByLabel('Slutdatum', { exact: true }).fill('2031-08-31');
    await chef.getByRole('radio', { name: /Ersättningsrekrytering/ }).check();
    await chef.getByLabel('Lönekostnad per månad (kr)', { exact: true }).fill('36 000');
    await chef.getByRole('radio', { name: 'Ja', exact: true }).check();
    await chef
      .getByLabel('Hur enheten ändå når sitt sparbeting', { exact: true })
      .fill('Vakansen finansierar tjänsten.');
    await chef.getByLabel('Motivering', { exact: true }).fill('Ersätter en undersköterska som slutat.');
    await chef.getByRole('checkbox', { name: 'Intern bemanningspool' }).check();
    await chef.getByLabel('Konsekvens om begäran avslås', { exact: true }).fill('Nattbemanningen.');
    await chef.getByRole('button', { name: 'Skicka in för prövning' }).click();
    await chef.getByText('Din begäran är inskickad.').waitFor();
    await chef.close();

    // The HR reviewer of the unit's division has it in their inbox; another division's does not.
    const hr = await provider.nextPerson();
    await provider.signIn(hr, login(reviewer));
    await hr.getByRole('heading', { name: 'Att pröva' }).waitFor();
    await hr.getByRole('row').filter({ hasText: TITLE }).filter({ hasText: 'HR-granskning' }).waitFor();
    expect(await auditPage(hr, 'onboarding-02-inbox')).toEqual([]);
    await hr.close();

    const other = await provider.nextPerson();
    await provider.signIn(other, login(otherReviewer));
    await other.getByRole('heading', { name: 'Att pröva' }).waitFor();
    await other.getByText('Inga ärenden väntar på dig just nu.').waitFor();
    expect(await other.getByRole('row').filter({ hasText: TITLE }).count()).toBe(0);
    await other.close();
  });
});
