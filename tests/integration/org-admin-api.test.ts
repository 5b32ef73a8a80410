import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

let t: TestApp;
let today: string;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  today = (await t.db.dataSource.query(`SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date::text AS d`))[0]
    .d;
  units = await unitIdsByCode(t);
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

const URL = '/api/v1/admin/org-units';
const as = async (username = 'admin') => bearer(t, username);
const create = async (body: object, username = 'admin') =>
  t.http
    .post(URL)
    .set(await as(username))
    .send(body);
const change = async (id: string, body: object) =>
  t.http
    .patch(`${URL}/${id}`)
    .set(await as())
    .send(body);
const close = async (id: string, validTo: string) =>
  t.http
    .post(`${URL}/${id}/close`)
    .set(await as())
    .send({ validTo });
const auditOf = async (id: string) =>
  (
    await t.db.dataSource.query(
      `SELECT a.action, a.before, a.after, u.username AS actor
         FROM admin_audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.entity = 'org_unit' AND a.entity_id = $1 ORDER BY a.at, a.id`,
      [id],
    )
  ).map((r: { action: string; before: unknown; after: unknown; actor: string }) => r);
const expectProblem = (
  res: { status: number; headers: Record<string, string>; body: { errors?: { field: string }[] } },
  status: number,
  field: string,
) => {
  expect([res.status, res.headers['content-type']]).toEqual([status, expect.stringMatching(/problem\+json/)]);
  expect(res.body.errors?.map((e) => e.field)).toContain(field);
};
const aUnit = (o: object = {}) => ({
  code: `SOM-T${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  name: 'Testenheten',
  level: 'unit',
  parentId: units.get('SOM'),
  budgetSek: 12_000_000,
  staffCostSek: 9_500_000,
  ...o,
});

describe('administering divisions and units', () => {
  it('creates, changes and closes a unit, each audited with the import’s before and after', async () => {
    const body = aUnit({ validFrom: '2026-01-01' });
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: body.code,
      level: 'unit',
      parentId: units.get('SOM'),
      parentCode: 'SOM',
      budgetSek: 12_000_000,
      staffCostSek: 9_500_000,
      validFrom: '2026-01-01',
      validTo: null,
      open: true,
      openRequests: 0,
      people: 0,
    });
    const id = created.body.id;

    const changed = await change(id, { name: 'Nytt namn', parentId: units.get('PSY'), budgetSek: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nytt namn', parentCode: 'PSY', budgetSek: null });
    // A change that changes nothing is answered and leaves no row in the log.
    expect((await change(id, { name: 'Nytt namn' })).status).toBe(200);

    const closed = await close(id, today);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ validTo: today, open: true });

    const snapshot = {
      code: body.code,
      parentCode: 'SOM',
      name: 'Testenheten',
      level: 'unit',
      budgetSek: 12_000_000,
      staffCostSek: 9_500_000,
      validFrom: '2026-01-01',
      validTo: null,
    };
    const moved = { ...snapshot, name: 'Nytt namn', parentCode: 'PSY', budgetSek: null };
    expect(await auditOf(id)).toEqual([
      { action: 'create', before: null, after: snapshot, actor: 'admin' },
      { action: 'change', before: snapshot, after: moved, actor: 'admin' },
      { action: 'close', before: moved, after: { ...moved, validTo: today }, actor: 'admin' },
    ]);
  });

  it('lists every division and unit with closed ones, searches, and filters by status', async () => {
    const { body: gone } = await create(aUnit({ name: 'Nedlagd mottagning' }));
    await t.db.dataSource.query(`UPDATE org_units SET valid_to = '2020-12-31' WHERE id = $1`, [gone.id]);
    const list = async (query: string) =>
      (
        await t.http
          .get(`${URL}?pageSize=100&${query}`)
          .set(await as())
          .expect(200)
      ).body;
    const all = await list('');
    expect(all.items.find((u: { id: string }) => u.id === gone.id)).toMatchObject({ open: false });
    // Each division comes before its units.
    const som = all.items.findIndex((u: { code: string }) => u.code === 'SOM');
    const akut = all.items.findIndex((u: { code: string }) => u.code === 'SOM-AKUT');
    expect(som).toBeGreaterThanOrEqual(0);
    expect(akut).toBeGreaterThan(som);
    expect(all.items[akut].people).toBeGreaterThan(0);
    expect((await list('status=closed')).items.map((u: { id: string }) => u.id)).toContain(gone.id);
    expect((await list('status=open')).items.map((u: { id: string }) => u.id)).not.toContain(gone.id);
    expect((await list('q=nedlagd')).items.map((u: { id: string }) => u.id)).toEqual([gone.id]);
    expect((await list('q=100%25')).items).toEqual([]);
    const bad = await t.http
      .get(`${URL}?status=gone`)
      .set(await as())
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
  });

  it('counts the open requests at a unit and its division', async () => {
    const { body: unit } = await create(aUnit());
    await t.http
      .post('/api/v1/requests')
      .set(await as('chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    const row = async (code: string) =>
      (
        await t.http
          .get(`${URL}?q=${code}`)
          .set(await as())
          .expect(200)
      ).body.items.find((u: { code: string }) => u.code === code);
    expect((await row('SOM-AKUT')).openRequests).toBeGreaterThanOrEqual(1);
    expect((await row('SOM')).openRequests).toBeGreaterThanOrEqual((await row('SOM-AKUT')).openRequests);
    expect((await row(unit.code)).openRequests).toBe(0);
  });
});

describe('a closed unit', () => {
  it('is not offered by GET /org/units, still named with status=all, and refuses new requests', async () => {
    const { body: unit } = await create(aUnit());
    // Requesters of the division may submit for its units: the new unit takes requests while open.
    const submit = async () =>
      t.http
        .post('/api/v1/requests')
        .set(await as('div.somatik.bestallare'))
        .send(aHireBody(unit.id));
    await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('div.somatik.bestallare', 'Beställare Somatik')`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id)
         SELECT id, 'requester', $1 FROM users WHERE username = 'div.somatik.bestallare'`,
      [units.get('SOM')],
    );
    expect((await submit()).status).toBe(201);
    const offered = async (query = '') =>
      (
        await t.http
          .get(`/api/v1/org/units${query}`)
          .set(await as('chef.akuten'))
          .expect(200)
      ).body.flatMap((d: { units: { id: string }[] }) => d.units.map((u) => u.id));
    expect(await offered()).toContain(unit.id);

    expect((await close(unit.id, today)).status).toBe(200);
    // Closed today is its last open day: closed for good from tomorrow. Moved into the past by the clock's stand-in.
    await t.db.dataSource.query(`UPDATE org_units SET valid_to = $2::date - 1 WHERE id = $1`, [
      unit.id,
      today,
    ]);
    expect(await offered()).not.toContain(unit.id);
    expect(await offered('?status=all')).toContain(unit.id);
    const refused = await submit();
    expectProblem(refused, 422, 'unitId');
    // Its history stays: the request made while it was open is still there.
    expect(
      (
        await t.db.dataSource.query(`SELECT count(*)::int AS n FROM requests WHERE unit_id = $1`, [unit.id])
      )[0].n,
    ).toBe(1);
  });

  it('is left out of the forms with its division when the division closes', async () => {
    const { body: division } = await create({ code: 'TMP', name: 'Tillfälligt område', level: 'division' });
    const { body: unit } = await create(aUnit({ parentId: division.id }));
    await t.db.dataSource.query(`UPDATE org_units SET valid_to = '2020-12-31' WHERE id = $1`, [division.id]);
    const res = await t.http
      .get('/api/v1/org/units')
      .set(await as('chef.akuten'))
      .expect(200);
    const ids = res.body.flatMap((d: { id: string; units: { id: string }[] }) => [
      d.id,
      ...d.units.map((u) => u.id),
    ]);
    expect(ids).not.toContain(division.id);
    expect(ids).not.toContain(unit.id);
  });
});

describe('bad input', () => {
  it('names the field of every refusal as problem+json and writes nothing', async () => {
    const before = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM admin_audit_log`))[0].n;
    const { body: unit } = await create(aUnit());
    const missing = '00000000-0000-4000-8000-000000000000';
    expectProblem(await create(aUnit({ parentId: missing })), 422, 'parentId');
    expectProblem(await create(aUnit({ parentId: units.get('SOM-AKUT') })), 422, 'parentId');
    expectProblem(await create(aUnit({ level: 'division' })), 422, 'parentId');
    expectProblem(await create(aUnit({ code: 'SOM-AKUT' })), 422, 'code');
    expectProblem(await create(aUnit({ validFrom: '2026-05-01', validTo: '2026-04-30' })), 422, 'validTo');
    expectProblem(await create(aUnit({ colour: 'blå' })), 400, 'colour');
    expectProblem(await create(aUnit({ budgetSek: -5 })), 400, 'budgetSek');
    expectProblem(await create(aUnit({ validFrom: '2026-02-30' })), 400, 'validFrom');
    expectProblem(await create({}), 400, 'code');
    expectProblem(await change(unit.id, { parentId: unit.id }), 422, 'parentId');
    expectProblem(await change(units.get('SOM')!, { parentId: units.get('PSY') }), 422, 'parentId');
    expectProblem(await change(unit.id, { code: 'NY' }), 400, 'code');
    expectProblem(await change(unit.id, { validTo: '2020-01-01' }), 422, 'validTo');
    expectProblem(await change('not-a-uuid', { name: 'x' }), 400, 'id');
    expect((await change(missing, { name: 'x' })).status).toBe(404);
    expectProblem(await close(unit.id, '2020-01-01'), 422, 'validTo');
    expectProblem(await close(units.get('SOM')!, today), 422, 'validTo');
    expectProblem(await close(unit.id, 'tomorrow'), 400, 'validTo');
    expectProblem(await close('x', today), 400, 'id');
    const after = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM admin_audit_log`))[0].n;
    expect(after).toBe(before + 1);
  });

  it('lets only the admin administer the organisation', async () => {
    const { body: unit } = await create(aUnit());
    for (const username of ['chef.akuten', 'hr.somatik', 'hrchef', 'div.somatik', 'hsdir']) {
      expect((await create(aUnit(), username)).status).toBe(403);
      const patched = await t.http
        .patch(`${URL}/${unit.id}`)
        .set(await as(username))
        .send({ name: 'x' });
      expect(patched.status).toBe(403);
    }
    expect((await auditOf(unit.id)).map((a: { action: string }) => a.action)).toEqual(['create']);
  });
});
