import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * The follow-up role (uppföljare: the steering group, the regiondirektör, finance) reads the register and the
 * statistics of its scope and decides nothing; the HR lead reads the statistics of its scope too.
 */
let t: TestApp;
let somatik: string;
let psykiatri: string;

async function colleague(username: string, role: string, scopeUnitId: string | null) {
  const [user] = await t.db.dataSource.query(
    `INSERT INTO users (username, display_name) VALUES ($1, $1) RETURNING id`,
    [username],
  );
  await t.db.dataSource.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, $2, $3)`,
    [user.id, role, scopeUnitId],
  );
}

const get = async (path: string, as: string) => t.http.get(`/api/v1${path}`).set(await bearer(t, as));
const post = async (path: string, as: string, body: object = {}) =>
  t.http
    .post(`/api/v1${path}`)
    .set(await bearer(t, as))
    .send(body);
const summary = async (as: string, query = '') => {
  const res = await get(`/stats/summary${query}`, as);
  expect([as, query, res.status]).toEqual([as, query, 200]);
  return res.body;
};

beforeAll(async () => {
  t = await startTestApp();
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  const units = await unitIdsByCode(t);
  somatik = (await post('/requests', 'chef.akuten', aHireBody(units.get('SOM-AKUT')!))).body.id;
  psykiatri = (await post('/requests', 'chef.psyk', aHireBody(units.get('PSY-VUX')!))).body.id;
  expect([somatik, psykiatri].every(Boolean)).toBe(true);
  await colleague('ekonomi.somatik', 'follow_up', units.get('SOM')!);
  await colleague('hrchef.psykiatri', 'hr_lead', units.get('PSY')!);
});
afterAll(() => t?.stop());

describe('the follow-up role', () => {
  it('reads the whole register and every request in it when its scope is the region', async () => {
    const list = await get('/requests', 'styrgrupp');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([somatik, psykiatri]),
    );
    for (const id of [somatik, psykiatri]) {
      expect((await get(`/requests/${id}`, 'styrgrupp')).status).toBe(200);
      expect((await get(`/requests/${id}/timeline`, 'styrgrupp')).status).toBe(200);
    }
  });

  it('reads the statistics of the region, as the executive sees them', async () => {
    const region = await summary('styrgrupp');
    expect(region).toEqual(await summary('hsdir'));
    expect(region.open.total).toBeGreaterThanOrEqual(2);
  });

  it('decides nothing: no decision, withdrawal, resubmission, reassignment, inbox, period or exemption', async () => {
    const refused = [
      await post(`/requests/${somatik}/decisions`, 'styrgrupp', { outcome: 'approve' }),
      await post(`/requests/${somatik}/withdraw`, 'styrgrupp', { reason: 'Behövs inte' }),
      await post(`/requests/${somatik}/resubmit`, 'styrgrupp', {}),
      await post(`/requests/${somatik}/reassign`, 'styrgrupp', { userId: somatik }),
      await get('/inbox', 'styrgrupp'),
      await post('/review-periods', 'styrgrupp', {}),
      await post('/exemptions', 'styrgrupp', {}),
      await post('/requests', 'styrgrupp', {}),
    ];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 403));
    // The refusals changed nothing: the request is still with HR.
    expect((await get(`/requests/${somatik}`, 'hsdir')).body.status).toBe('in_review');
  });

  it("keeps a division's follow-up to its division: register and statistics", async () => {
    const list = await get('/requests', 'ekonomi.somatik');
    const ids = list.body.items.map((r: { id: string }) => r.id);
    expect([ids.includes(somatik), ids.includes(psykiatri)]).toEqual([true, false]);
    expect((await get(`/requests/${psykiatri}`, 'ekonomi.somatik')).status).toBe(404);
    expect(await summary('ekonomi.somatik')).toEqual(await summary('div.somatik'));
    expect(await summary('ekonomi.somatik')).not.toEqual(await summary('hsdir'));
    const units = await unitIdsByCode(t);
    const other = await get(`/stats/summary?divisionId=${units.get('PSY')}`, 'ekonomi.somatik');
    expect(other.status).toBe(403);
    const otherUnit = await get(`/stats/breakdown?by=unit&unitId=${units.get('PSY-VUX')}`, 'ekonomi.somatik');
    expect(otherUnit.status).toBe(403);
  });
});

describe("the HR lead's statistics", () => {
  it('reads the region for a region-wide HR lead, and only its division for a division HR lead', async () => {
    expect(await summary('hrchef')).toEqual(await summary('hsdir'));
    expect(await summary('hrchef.psykiatri')).toEqual(await summary('div.psykiatri'));
    const units = await unitIdsByCode(t);
    expect((await get(`/stats/summary?divisionId=${units.get('SOM')}`, 'hrchef.psykiatri')).status).toBe(403);
  });
});
