import { startTestApp, type TestApp } from '../support/app';
import { bearer, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

let t: TestApp;
let units: Map<string, string>;
let admin: { Authorization: string };
beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  admin = await bearer(t, 'admin');
});
afterAll(() => t?.stop());

const MISSING = '00000000-0000-4000-8000-000000000000';
const today = async (): Promise<string> =>
  (await t.db.dataSource.query(`SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date::text AS d`))[0].d;
const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const auditOf = async (userId: string) =>
  (await t.db.dataSource.query(
    `SELECT actor_id AS "actorId", action, before, after FROM admin_audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY at, id`,
    [userId],
  )) as { actorId: string; action: string; before: any; after: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const adminId = async () =>
  (await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`))[0].id as string;
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

let serial = 0;
async function aPerson(over: Record<string, unknown> = {}) {
  serial += 1;
  const res = await t.http
    .post('/api/v1/admin/people')
    .set(admin)
    .send({
      displayName: `Test Person ${serial}`,
      email: `p${serial}@region.example`,
      employeeId: `TP-${serial}`,
      ...over,
    })
    .expect(201);
  return res.body as { id: string; username: string; roles: { id: string }[] };
}

describe('POST /api/v1/admin/people', () => {
  it('creates an active person signing in by their employee id, and records it in the audit log', async () => {
    const p = await aPerson({ displayName: 'Kim Sommar', employeeId: 'SE2321000149-K1' });
    expect(p).toMatchObject({
      username: 'SE2321000149-K1',
      employeeId: 'SE2321000149-K1',
      active: true,
      identity: null,
      roles: [],
    });
    const [row] = await auditOf(p.id);
    expect(row).toMatchObject({
      actorId: await adminId(),
      action: 'create',
      before: null,
      after: {
        id: 'SE2321000149-K1',
        name: 'Kim Sommar',
        active: true,
        roles: [],
        username: 'SE2321000149-K1',
      },
    });
  });

  it('answers 409 naming employeeId or username when another user has it, and creates nothing', async () => {
    const p = await aPerson();
    const again = await t.http
      .post('/api/v1/admin/people')
      .set(admin)
      .send({ displayName: 'X', employeeId: p.username })
      .expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(again.body)).toEqual(['username', 'employeeId']);
    const demo = await t.http
      .post('/api/v1/admin/people')
      .set(admin)
      .send({ displayName: 'X', employeeId: 'NEW-1', username: 'admin' })
      .expect(409);
    expect(fieldsOf(demo.body)).toEqual(['username']);
    expect(
      (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE employee_id = 'NEW-1'`))[0].n,
    ).toBe(0);
  });

  it.each([
    [{ employeeId: 'E-1' }, 'displayName'],
    [{ displayName: 'X' }, 'employeeId'],
    [{ displayName: 'X', employeeId: 'has space' }, 'employeeId'],
    [{ displayName: 'X', employeeId: 'E-2', email: 'not-an-address' }, 'email'],
    [{ displayName: 'X', employeeId: 'E-3', isAdmin: true }, 'isAdmin'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await t.http.post('/api/v1/admin/people').set(admin).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(res.body)).toContain(field);
  });
});

describe('GET /api/v1/admin/people', () => {
  it('finds people by part of name, username, e-mail or employee id, without case', async () => {
    const p = await aPerson({
      displayName: 'Ulrika Sökbar',
      email: 'ulrika.sokbar@region.example',
      employeeId: 'SOK-77',
    });
    for (const q of ['sökbar', 'ULRIKA.SOKBAR@', 'sok-77']) {
      const res = await t.http.get('/api/v1/admin/people').query({ q }).set(admin).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    }
    const none = await t.http.get('/api/v1/admin/people').query({ q: '%' }).set(admin).expect(200);
    expect(none.body.total).toBe(0);
  });

  it('filters by role and by scope, a division including its units', async () => {
    const som = units.get('SOM')!;
    const byRole = await t.http
      .get('/api/v1/admin/people')
      .query({ role: 'director', pageSize: 100 })
      .set(admin)
      .expect(200);
    expect(byRole.body.items.map((i: { username: string }) => i.username).sort()).toEqual([
      'div.psykiatri',
      'div.somatik',
    ]);
    const inSom = await t.http
      .get('/api/v1/admin/people')
      .query({ scopeUnitId: som, pageSize: 100 })
      .set(admin)
      .expect(200);
    const names = inSom.body.items.map((i: { username: string }) => i.username);
    expect(names).toEqual(expect.arrayContaining(['chef.akuten', 'hr.somatik', 'div.somatik']));
    expect(names).not.toContain('chef.psyk');
    const unitOnly = await t.http
      .get('/api/v1/admin/people')
      .query({ scopeUnitId: units.get('SOM-AKUT'), pageSize: 100 })
      .set(admin)
      .expect(200);
    expect(unitOnly.body.items.map((i: { username: string }) => i.username)).toContain('chef.akuten');
    expect(unitOnly.body.items.map((i: { username: string }) => i.username)).not.toContain('hr.somatik');
    const director = byRole.body.items.find((i: { username: string }) => i.username === 'div.somatik');
    expect(director.roles).toEqual([
      expect.objectContaining({
        role: 'director',
        scopeUnitId: som,
        scopeUnitCode: 'SOM',
        inForce: true,
        validTo: null,
      }),
    ]);
  });

  it('filters by active and by a linked identity', async () => {
    const p = await aPerson();
    await t.db.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [p.id]);
    const ids = async (query: Record<string, string>) =>
      (
        await t.http
          .get('/api/v1/admin/people')
          .query({ pageSize: 100, ...query })
          .set(admin)
          .expect(200)
      ).body.items.map((i: { id: string }) => i.id);
    expect(await ids({ active: 'false' })).toContain(p.id);
    expect(await ids({ active: 'true' })).not.toContain(p.id);
    expect(await ids({ active: 'all' })).toContain(p.id);
    await t.db.dataSource.query(
      `UPDATE users SET external_issuer = 'https://idp.example', external_subject = 'sub-1' WHERE id = $1`,
      [p.id],
    );
    expect(await ids({ linked: 'true' })).toEqual([p.id]);
    expect(await ids({ linked: 'false' })).not.toContain(p.id);
  });

  it.each([
    { role: 'boss' },
    { scopeUnitId: 'not-a-uuid' },
    { active: 'yes' },
    { linked: '1' },
    { pageSize: '1000' },
    { sort: 'name' },
  ])('answers 400 naming the parameter for %j', async (query) => {
    const res = await t.http.get('/api/v1/admin/people').query(query).set(admin).expect(400);
    expect(fieldsOf(res.body)).toEqual([Object.keys(query)[0]]);
  });
});

describe('GET /api/v1/admin/people/{id}', () => {
  it('answers the person, 404 for none and 400 for a malformed id', async () => {
    const p = await aPerson();
    expect((await t.http.get(`/api/v1/admin/people/${p.id}`).set(admin).expect(200)).body.id).toBe(p.id);
    await t.http.get(`/api/v1/admin/people/${MISSING}`).set(admin).expect(404);
    await t.http.get('/api/v1/admin/people/nope').set(admin).expect(400);
  });
});

describe('PATCH /api/v1/admin/people/{id}', () => {
  it('changes name and e-mail with an audit row before and after', async () => {
    const p = await aPerson({ displayName: 'Före Namn' });
    const res = await t.http
      .patch(`/api/v1/admin/people/${p.id}`)
      .set(admin)
      .send({ displayName: 'Efter Namn', email: null })
      .expect(200);
    expect(res.body).toMatchObject({ displayName: 'Efter Namn', email: null });
    const rows = await auditOf(p.id);
    expect(rows.at(-1)).toMatchObject({
      action: 'change',
      before: { name: 'Före Namn' },
      after: { name: 'Efter Namn', email: null },
    });
  });

  it('deactivates and reactivates, and the deactivated person signs in as nobody', async () => {
    const p = await aPerson();
    const signedIn = await bearer(t, p.username);
    await t.http.get('/api/v1/me').set(signedIn).expect(200);
    await t.http.patch(`/api/v1/admin/people/${p.id}`).set(admin).send({ active: false }).expect(200);
    expect(
      (await t.http.post('/api/v1/auth/dev-login').send({ username: p.username })).status,
    ).toBeGreaterThanOrEqual(400);
    await t.http.get('/api/v1/me').set(signedIn).expect(401);
    await t.http.patch(`/api/v1/admin/people/${p.id}`).set(admin).send({ active: true }).expect(200);
    expect((await auditOf(p.id)).map((r) => r.action)).toEqual(['create', 'deactivate', 'reactivate']);
  });

  it('unlinks the identity, so the next sign-in links again', async () => {
    const p = await aPerson();
    await t.db.dataSource.query(
      `UPDATE users SET external_issuer = 'https://idp.example', external_subject = 'sub-u' WHERE id = $1`,
      [p.id],
    );
    const res = await t.http
      .patch(`/api/v1/admin/people/${p.id}`)
      .set(admin)
      .send({ identity: null })
      .expect(200);
    expect(res.body.identity).toBeNull();
    expect((await auditOf(p.id)).at(-1)).toMatchObject({
      action: 'unlink',
      before: { identity: { issuer: 'https://idp.example', subject: 'sub-u' } },
      after: { identity: null },
    });
  });

  it('refuses an admin deactivating themselves with 422 naming active, and changes nothing', async () => {
    const me = await adminId();
    const res = await t.http
      .patch(`/api/v1/admin/people/${me}`)
      .set(admin)
      .send({ active: false })
      .expect(422);
    expect(fieldsOf(res.body)).toEqual(['active']);
    expect((await t.db.dataSource.query(`SELECT active FROM users WHERE id = $1`, [me]))[0].active).toBe(
      true,
    );
  });

  it('answers 409 naming employeeId taken by another, 400 for unknown fields or a set identity, 404 for nobody', async () => {
    const [a, b] = [await aPerson(), await aPerson()];
    const taken = await t.http
      .patch(`/api/v1/admin/people/${a.id}`)
      .set(admin)
      .send({ employeeId: b.username })
      .expect(409);
    expect(fieldsOf(taken.body)).toEqual(['employeeId']);
    expect(
      fieldsOf(
        (await t.http.patch(`/api/v1/admin/people/${a.id}`).set(admin).send({ username: 'x' }).expect(400))
          .body,
      ),
    ).toEqual(['username']);
    expect(
      fieldsOf(
        (
          await t.http
            .patch(`/api/v1/admin/people/${a.id}`)
            .set(admin)
            .send({ identity: { issuer: 'i', subject: 's' } })
            .expect(400)
        ).body,
      ),
    ).toEqual(['identity']);
    expect(
      fieldsOf(
        (await t.http.patch(`/api/v1/admin/people/${a.id}`).set(admin).send({ active: 'no' }).expect(400))
          .body,
      ),
    ).toEqual(['active']);
    await t.http.patch(`/api/v1/admin/people/${MISSING}`).set(admin).send({ displayName: 'X' }).expect(404);
  });
});

describe('role assignments', () => {
  it('adds a stand-in role with an end date that counts at once, and ends it today', async () => {
    const p = await aPerson();
    const day = await today();
    const added = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles`)
      .set(admin)
      .send({ role: 'hr_reviewer', scopeUnitId: units.get('SOM'), validTo: plusDays(day, 30) })
      .expect(201);
    const [grant] = added.body.roles;
    expect(grant).toMatchObject({
      role: 'hr_reviewer',
      scopeUnitCode: 'SOM',
      validFrom: day,
      validTo: plusDays(day, 30),
      inForce: true,
    });
    const me = (
      await t.http
        .get('/api/v1/me')
        .set(await bearer(t, p.username))
        .expect(200)
    ).body;
    expect(me.grants).toEqual([{ role: 'hr_reviewer', scopeUnitId: units.get('SOM') }]);

    const ended = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles/${grant.id}/end`)
      .set(admin)
      .send({})
      .expect(200);
    expect(ended.body.roles[0]).toMatchObject({ id: grant.id, validTo: day });
    const rows = await auditOf(p.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'grant', 'end']);
    expect(rows[1].after.roles).toEqual([
      { role: 'hr_reviewer', scopeCode: 'SOM', validFrom: day, validTo: plusDays(day, 30) },
    ]);
    expect(rows[2].after.roles).toEqual([
      { role: 'hr_reviewer', scopeCode: 'SOM', validFrom: day, validTo: day },
    ]);
  });

  it('takes away a role that has not begun when it is ended, the audit log keeping it', async () => {
    const p = await aPerson();
    const day = await today();
    const added = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles`)
      .set(admin)
      .send({ role: 'director', scopeUnitId: units.get('PSY'), validFrom: plusDays(day, 10) })
      .expect(201);
    const ended = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles/${added.body.roles[0].id}/end`)
      .set(admin)
      .send({})
      .expect(200);
    expect(ended.body.roles).toEqual([]);
    expect((await auditOf(p.id)).at(-1)!.before.roles).toHaveLength(1);
  });

  it('grants region-wide with scopeUnitId null', async () => {
    const p = await aPerson();
    const res = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles`)
      .set(admin)
      .send({ role: 'executive', scopeUnitId: null })
      .expect(201);
    expect(res.body.roles[0]).toMatchObject({ role: 'executive', scopeUnitId: null, validTo: null });
  });

  it('answers 422 naming the field for a closed or unknown unit, a backward or past period, and an overlap', async () => {
    const p = await aPerson();
    const day = await today();
    const closed = (
      await t.db.dataSource.query(
        `INSERT INTO org_units (parent_id, code, name, level, valid_to) VALUES ($1, 'SOM-STANGD', 'Stängd', 'unit', $2) RETURNING id`,
        [units.get('SOM'), plusDays(day, -1)],
      )
    )[0].id;
    const post = (body: object) => t.http.post(`/api/v1/admin/people/${p.id}/roles`).set(admin).send(body);
    const cases: [object, string][] = [
      [{ role: 'requester', scopeUnitId: closed }, 'scopeUnitId'],
      [{ role: 'requester', scopeUnitId: MISSING }, 'scopeUnitId'],
      [
        {
          role: 'requester',
          scopeUnitId: units.get('SOM-MED'),
          validFrom: plusDays(day, 5),
          validTo: plusDays(day, 4),
        },
        'validTo',
      ],
      [{ role: 'requester', scopeUnitId: units.get('SOM-MED'), validFrom: plusDays(day, -1) }, 'validFrom'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect([res.status, fieldsOf(res.body)]).toEqual([422, [field]]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await post({ role: 'requester', scopeUnitId: units.get('SOM-MED') }).expect(201);
    const overlap = await post({
      role: 'requester',
      scopeUnitId: units.get('SOM-MED'),
      validFrom: plusDays(day, 3),
    }).expect(422);
    expect(fieldsOf(overlap.body)).toEqual(['role']);
    expect((await auditOf(p.id)).map((r) => r.action)).toEqual(['create', 'grant']);
  });

  it('answers 400 naming the field for an unknown role, a missing scope, a malformed date and unknown fields', async () => {
    const p = await aPerson();
    const cases: [object, string][] = [
      [{ role: 'boss', scopeUnitId: null }, 'role'],
      [{ role: 'requester' }, 'scopeUnitId'],
      [{ role: 'requester', scopeUnitId: 'SOM' }, 'scopeUnitId'],
      [{ role: 'requester', scopeUnitId: null, validTo: '2026-02-30' }, 'validTo'],
      [{ role: 'requester', scopeUnitId: null, userId: MISSING }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post(`/api/v1/admin/people/${p.id}/roles`).set(admin).send(body);
      expect([res.status, fieldsOf(res.body)]).toEqual([400, [field]]);
    }
    await t.http
      .post(`/api/v1/admin/people/${MISSING}/roles`)
      .set(admin)
      .send({ role: 'requester', scopeUnitId: null })
      .expect(404);
  });

  it('refuses ending a role in the past, twice, or of someone else; and an admin ending their own admin role', async () => {
    const p = await aPerson();
    const day = await today();
    const { body } = await t.http
      .post(`/api/v1/admin/people/${p.id}/roles`)
      .set(admin)
      .send({ role: 'requester', scopeUnitId: units.get('SOM-KIR') })
      .expect(201);
    const end = (userId: string, id: string, send: object = {}) =>
      t.http.post(`/api/v1/admin/people/${userId}/roles/${id}/end`).set(admin).send(send);
    expect(
      fieldsOf((await end(p.id, body.roles[0].id, { validTo: plusDays(day, -1) }).expect(422)).body),
    ).toEqual(['validTo']);
    expect(fieldsOf((await end(p.id, body.roles[0].id, { until: day }).expect(400)).body)).toEqual(['until']);
    const other = await aPerson();
    await end(other.id, body.roles[0].id).expect(404);
    await end(p.id, 'nope').expect(400);

    const me = await adminId();
    const own = (await t.http.get(`/api/v1/admin/people/${me}`).set(admin).expect(200)).body.roles[0];
    expect(own.role).toBe('admin');
    expect(fieldsOf((await end(me, own.id).expect(422)).body)).toEqual(['assignmentId']);
    expect(
      (await t.http.get(`/api/v1/admin/people/${me}`).set(admin).expect(200)).body.roles[0].validTo,
    ).toBeNull();
  });

  it('lets a second admin end the first one’s admin role', async () => {
    const second = await aPerson();
    await t.http
      .post(`/api/v1/admin/people/${second.id}/roles`)
      .set(admin)
      .send({ role: 'admin', scopeUnitId: null })
      .expect(201);
    const me = await adminId();
    const own = (await t.http.get(`/api/v1/admin/people/${me}`).set(admin).expect(200)).body.roles[0];
    const other = await bearer(t, second.username);
    const res = await t.http
      .post(`/api/v1/admin/people/${me}/roles/${own.id}/end`)
      .set(other)
      .send({ validTo: plusDays(await today(), 365) })
      .expect(200);
    expect(res.body.roles[0].validTo).toBe(plusDays(await today(), 365));
    expect((await auditOf(me)).at(-1)!.actorId).toBe(second.id);
  });
});

describe('authorisation', () => {
  it.each(['chef.akuten', 'hr.somatik', 'hrchef', 'div.somatik', 'hsdir'])(
    'refuses %s every admin people route',
    async (username) => {
      const auth = await bearer(t, username);
      await t.http.get('/api/v1/admin/people').set(auth).expect(403);
      await t.http
        .post('/api/v1/admin/people')
        .set(auth)
        .send({ displayName: 'X', employeeId: 'Z-1' })
        .expect(403);
      await t.http.get('/api/v1/admin-audit').set(auth).expect(403);
    },
  );
});

describe('GET /api/v1/admin-audit', () => {
  it('lists the people changes newest first with the admin’s name', async () => {
    const p = await aPerson({ displayName: 'Sist Ändrad' });
    const res = await t.http.get('/api/v1/admin-audit').query({ pageSize: 1 }).set(admin).expect(200);
    expect(res.body.items[0]).toMatchObject({
      entity: 'user',
      entityId: p.id,
      action: 'create',
      actorName: 'Systemadministratör',
    });
  });
});
