import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { aHireBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { auditPage } from './support/axe';
import { DESKTOP, PHONE, launchBrowser, type TestBrowser } from './support/browser';
import { horizontalOverflow, smallTouchTargets } from './support/layout';
import { signedInPage } from './support/sign-in';
import { startWebTestApp, type WebTestApp } from './support/web-app';

jest.setTimeout(600_000);

/**
 * Every page, as the role that uses it, on a phone (390×844, touch) and on an office screen (1366×768): nothing
 * wider than the window, every violation axe finds (not only the serious ones) counted, and on the phone every
 * button, field, checkbox and list link at least 44×44 px. The director's decision is made on the phone.
 */
let app: WebTestApp;
let phone: TestBrowser;
let desktop: TestBrowser;
let requestId: string;
let personId: string;

const TITLE = 'Sjuksköterska akutmottagning, natt';

beforeAll(async () => {
  app = await startWebTestApp();
  [phone, desktop] = await Promise.all([launchBrowser(PHONE), launchBrowser(DESKTOP)]);
  expect((await openReviewPeriod(app, 'hire')).status).toBe(201);
  const units = await unitIdsByCode(app);
  const res = await app.http
    .post('/api/v1/requests')
    .set({ Authorization: `Bearer ${await app.token('chef.akuten')}`, 'Idempotency-Key': randomUUID() })
    .send(aHireBody(units.get('SOM-AKUT')!, { title: TITLE }))
    .expect(201);
  requestId = res.body.id;
  const [person] = await app.db.dataSource.query(`SELECT id FROM users WHERE username = 'chef.akuten'`);
  personId = person.id;
});

afterAll(async () => {
  await Promise.all([phone?.close(), desktop?.close()]);
  await app?.stop();
});

type Kind = 'phone' | 'desktop';

/** What each page got wrong, by page; asserted at the end of a test, so that one run names every page's faults. */
const found: Record<string, string[]> = {};

/** The page as it is now: no sideways scrolling, no axe violation, and on the phone no target under 44 px. */
async function expectUsable(page: Page, kind: Kind, name: string) {
  const problems = [
    ...(await auditPage(page, `${kind}-${name}`, { fullPage: true, everyImpact: true })).map(
      (v) => `axe: ${v}`,
    ),
    ...(await horizontalOverflow(page)).map((o) => `overflow: ${o}`),
    ...(kind === 'phone' ? (await smallTouchTargets(page)).map((t) => `touch target: ${t}`) : []),
  ];
  if (problems.length > 0) found[`${kind} ${name} (${new URL(page.url()).pathname})`] = problems;
}

function expectNoProblems(kind: Kind) {
  expect(Object.fromEntries(Object.entries(found).filter(([page]) => page.startsWith(kind)))).toEqual({});
}

/** Every page, by the person who uses it; `id` paths are filled in once the seed has run. */
const VISITS: { user: string; path: () => string; name: string }[] = [
  { user: 'chef.akuten', path: () => '/requests', name: 'my-requests' },
  { user: 'chef.akuten', path: () => '/requests/new', name: 'new-request' },
  { user: 'chef.akuten', path: () => `/requests/${requestId}`, name: 'request' },
  { user: 'chef.akuten', path: () => '/no-such-page', name: 'not-found' },
  { user: 'chef.akuten', path: () => '/admin/people', name: 'forbidden' },
  { user: 'hr.somatik', path: () => '/inbox', name: 'inbox-hr' },
  { user: 'hr.somatik', path: () => `/review/${requestId}`, name: 'review-hr' },
  { user: 'hr.somatik', path: () => '/out-of-office', name: 'out-of-office' },
  { user: 'hrchef', path: () => '/without-requester', name: 'without-requester' },
  { user: 'div.somatik', path: () => '/inbox', name: 'inbox-director' },
  { user: 'div.somatik', path: () => '/exemptions', name: 'exemptions-director' },
  { user: 'div.somatik', path: () => '/stats', name: 'stats-director' },
  { user: 'hsdir', path: () => '/stats', name: 'stats-executive' },
  { user: 'hsdir', path: () => '/periods', name: 'periods-executive' },
  { user: 'hsdir', path: () => '/exemptions', name: 'exemptions-executive' },
  { user: 'styrgrupp', path: () => '/requests', name: 'register-follow-up' },
  { user: 'styrgrupp', path: () => '/periods', name: 'periods-follow-up' },
  { user: 'styrgrupp', path: () => '/stats', name: 'stats-follow-up' },
  { user: 'admin', path: () => '/periods', name: 'periods-admin' },
  { user: 'admin', path: () => '/admin/organisation', name: 'organisation' },
  { user: 'admin', path: () => '/admin/routes', name: 'route-versions' },
  { user: 'admin', path: () => '/admin/people', name: 'people' },
  { user: 'admin', path: () => `/admin/people/${personId}`, name: 'person' },
  { user: 'admin', path: () => '/admin/audit', name: 'audit' },
  { user: 'admin', path: () => '/admin/import', name: 'org-import' },
  { user: 'admin', path: () => '/exemptions', name: 'exemptions-admin' },
];

/** Signs each person in once per browser and visits their pages in turn. */
async function visitAll(browser: TestBrowser, kind: Kind) {
  const signIn = await browser.newPage();
  await signIn.goto(`${app.baseUrl}/signin`);
  await signIn.getByRole('button', { name: /chef\.akuten/ }).waitFor();
  await expectUsable(signIn, kind, 'sign-in');
  await signIn.close();
  const pages = new Map<string, Page>();
  for (const visit of VISITS) {
    let page = pages.get(visit.user);
    if (!page) {
      page = await signedInPage(browser, app.baseUrl, visit.user);
      pages.set(visit.user, page);
    }
    await page.goto(`${app.baseUrl}${visit.path()}`);
    await page.locator('main h1').first().waitFor();
    await expectUsable(page, kind, visit.name);
  }
  await Promise.all([...pages.values()].map((p) => p.close()));
}

/** Opens the request from the inbox card, checking that its title, deadline, stage and action are all on screen. */
async function openFromInboxCard(page: Page, stage: string) {
  await page.goto(`${app.baseUrl}/inbox`);
  const card = page.getByRole('row').filter({ hasText: TITLE }).filter({ hasText: stage });
  await card.waitFor();
  const action = card.getByRole('link', { name: /Pröva/ });
  for (const part of [card.locator('.card-title'), card.locator('.card-due'), action]) {
    const box = (await part.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
  }
  await action.tap();
  await page.getByRole('heading', { name: new RegExp(`Beslut: ${stage}`) }).waitFor();
}

async function decideOnPhone(page: Page, outcome: string) {
  await page.getByRole('radio', { name: outcome, exact: true }).tap();
  await page.getByRole('button', { name: 'Registrera beslut' }).tap();
  await page.getByText('är registrerat').waitFor();
}

describe('the pages on a phone and on an office screen', () => {
  it('fit a phone: the header folds into a menu, the inbox is cards, and the director decides there', async () => {
    await visitAll(phone, 'phone');

    // The header: the name and "Logga ut" sit behind the menu button, which says whether it is open.
    const chef = await signedInPage(phone, app.baseUrl, 'chef.akuten');
    const menu = chef.getByRole('button', { name: 'Meny' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await chef.getByRole('button', { name: 'Logga ut' }).isVisible()).toBe(false);
    await menu.tap();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await chef.getByRole('button', { name: 'Logga ut' }).waitFor();
    await chef.getByText('Anna Berg (enhetschef Akutmottagningen)').waitFor();
    await expectUsable(chef, 'phone', 'menu-open');
    // Escape closes it and gives the focus back to the button; choosing a page closes it too.
    await chef.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    // The test project has no DOM types: the element is only asked whether it holds the focus.
    const focused = (el: unknown) => (el as { matches(q: string): boolean }).matches(':focus');
    expect(await menu.evaluate(focused)).toBe(true);
    await menu.tap();
    await chef.getByRole('navigation').getByRole('link', { name: 'Ny begäran' }).tap();
    await chef.getByRole('heading', { name: 'Ny begäran' }).waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    // The notifications open over the page, not beside it.
    await chef.getByRole('button', { name: /Aviseringar/ }).tap();
    await chef.locator('#notification-panel').waitFor();
    await expectUsable(chef, 'phone', 'notifications');

    // HR and then the director decide on their phones, from the inbox cards.
    const hr = await signedInPage(phone, app.baseUrl, 'hr.somatik');
    await openFromInboxCard(hr, 'HR-granskning');
    await decideOnPhone(hr, 'Bevilja');
    const director = await signedInPage(phone, app.baseUrl, 'div.somatik');
    await openFromInboxCard(director, 'Divisionschefens beslut');
    await expectUsable(director, 'phone', 'review-director');
    await decideOnPhone(director, 'Bevilja');
    await expectUsable(director, 'phone', 'inbox-after-decision');

    await chef.goto(`${app.baseUrl}/requests/${requestId}`);
    await chef.getByRole('heading', { name: 'Beviljad' }).waitFor();
    await expectUsable(chef, 'phone', 'request-approved');
    expectNoProblems('phone');
    expect(phone.errors).toEqual([]);
  });

  it('fit an office screen: no sideways scrolling and no axe violation on any page', async () => {
    // The pages arrive as chunks of their own, which the API serves as immutable (their names are content hashes).
    const chunks = new Map<string, string | undefined>();
    desktop.context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) {
        chunks.set(path, response.headers()['cache-control']);
      }
    });
    await visitAll(desktop, 'desktop');
    expectNoProblems('desktop');
    expect(chunks.size).toBeGreaterThan(10);
    expect(new Set(chunks.values())).toEqual(new Set(['public, max-age=31536000, immutable']));
    expect(desktop.errors).toEqual([]);
  });
});
