import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * The declared table of who may call what, by role, compared with what the running API does. Every operation in
 * the OpenAPI document must have a row: a new endpoint without one fails this test (and so the build).
 * `public` needs no token; `ops` only OPS_TOKEN (401 to everyone else, users included); `any` is every signed-in
 * user; otherwise the roles listed. Others get 403 (401 without a token). Calls are made with ids that do not exist and empty bodies: an allowed caller gets past authorisation
 * to a 4xx about the input, never 401/403.
 */
type Role = 'requester' | 'hr_reviewer' | 'hr_lead' | 'director' | 'executive' | 'follow_up' | 'admin';
/** Statistics: the deciding managers, the HR lead and the follow-up role, each for its scope. */
const STATS: Role[] = ['hr_lead', 'director', 'executive', 'follow_up'];
const MATRIX: Record<string, 'public' | 'ops' | 'any' | Role[]> = {
  'POST /api/v1/auth/dev-login': 'public',
  'GET /api/v1/me': 'any',
  'GET /api/v1/auth/dev-users': 'public',
  'GET /api/v1/auth/settings': 'public',
  'GET /api/v1/users': ['hr_reviewer', 'hr_lead', 'director', 'executive', 'admin'],
  'GET /api/v1/org/units': 'any',
  'POST /api/v1/org-import': ['admin'],
  'GET /api/v1/org-import/template': ['admin'],
  'GET /api/v1/admin-audit': ['admin'],
  'POST /api/v1/actuals-import': ['admin', 'follow_up'],
  'GET /api/v1/actuals-import/template': ['admin', 'follow_up'],
  'GET /api/v1/cost-targets': [...STATS, 'admin'],
  'PUT /api/v1/cost-targets': ['admin', 'follow_up'],
  'DELETE /api/v1/cost-targets/{id}': ['admin', 'follow_up'],
  'GET /api/v1/stats/actuals': STATS,
  'GET /api/v1/admin/people': ['admin'],
  'POST /api/v1/admin/people': ['admin'],
  'GET /api/v1/admin/people/{id}': ['admin'],
  'PATCH /api/v1/admin/people/{id}': ['admin'],
  'POST /api/v1/admin/people/{id}/roles': ['admin'],
  'POST /api/v1/admin/people/{id}/roles/{assignmentId}/end': ['admin'],
  'GET /api/v1/policy-versions': ['admin'],
  'POST /api/v1/policy-versions': ['admin'],
  'GET /api/v1/policy-versions/in-force': 'any',
  'GET /api/v1/policy-versions/{version}': 'any',
  'PUT /api/v1/policy-versions/{version}': ['admin'],
  'POST /api/v1/policy-versions/{version}/validate': ['admin'],
  'POST /api/v1/policy-versions/{version}/preview': ['admin'],
  'POST /api/v1/policy-versions/{version}/publish': ['admin'],
  'GET /api/v1/admin/org-units': ['admin'],
  'POST /api/v1/admin/org-units': ['admin'],
  'PATCH /api/v1/admin/org-units/{id}': ['admin'],
  'POST /api/v1/admin/org-units/{id}/close': ['admin'],
  'GET /api/v1/review-periods': 'any',
  'POST /api/v1/review-periods': ['admin'],
  'POST /api/v1/review-periods/{id}/extensions': ['admin'],
  'POST /api/v1/review-periods/{id}/end': ['admin'],
  'PATCH /api/v1/review-periods/{id}': ['admin'],
  'GET /api/v1/exemptions': ['director', 'executive', 'admin'],
  'POST /api/v1/exemptions': ['executive', 'admin'],
  'POST /api/v1/exemptions/{id}/revoke': ['executive', 'admin'],
  'GET /api/v1/delegations': ['hr_reviewer', 'hr_lead', 'director', 'executive', 'admin'],
  'POST /api/v1/delegations': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'DELETE /api/v1/delegations/{id}': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'POST /api/v1/requests': ['requester'],
  'GET /api/v1/requests': 'any',
  'GET /api/v1/requests/{id}': 'any',
  'GET /api/v1/requests/{id}/timeline': 'any',
  'POST /api/v1/requests/{id}/attachments': ['requester', 'hr_reviewer', 'hr_lead', 'director', 'executive'],
  'GET /api/v1/requests/{id}/attachments': 'any',
  'GET /api/v1/requests/{id}/attachments/{attachmentId}': 'any',
  'DELETE /api/v1/requests/{id}/attachments/{attachmentId}': [
    'requester',
    'hr_reviewer',
    'hr_lead',
    'director',
    'executive',
  ],
  'POST /api/v1/requests/{id}/decisions': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'POST /api/v1/decisions/bulk': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'POST /api/v1/requests/{id}/resubmit': ['requester'],
  'POST /api/v1/requests/{id}/withdraw': ['requester'],
  'POST /api/v1/requests/{id}/reassign': ['hr_lead', 'director'],
  'GET /api/v1/requests/{id}/questions': 'any',
  'POST /api/v1/requests/{id}/questions': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'POST /api/v1/requests/{id}/questions/{questionId}/answer': ['requester'],
  'GET /api/v1/requests-without-requester': ['hr_lead'],
  'POST /api/v1/requests/{id}/requester': ['hr_lead'],
  'GET /api/v1/inbox': ['hr_reviewer', 'hr_lead', 'director', 'executive'],
  'GET /api/v1/notifications': 'any',
  'GET /api/v1/stats/summary': STATS,
  'GET /api/v1/stats/timeseries': STATS,
  'GET /api/v1/stats/breakdown': STATS,
  'GET /api/v1/stats/export.csv': STATS,
  'GET /api/v1/stats/report.xlsx': STATS,
  'GET /api/v1/stats/report.pdf': STATS,
  'POST /api/v1/notifications/{id}/read': 'any',
  'POST /api/v1/notifications/read-all': 'any',
  'GET /api/v1/health': 'public',
  'GET /api/v1/health/live': 'public',
  'GET /api/v1/metrics': 'ops',
  'POST /api/v1/temporal-codec/decode': ['admin'],
  'POST /api/v1/temporal-codec/encode': ['admin'],
};

const USERS: [string, Role][] = [
  ['chef.akuten', 'requester'],
  ['hr.somatik', 'hr_reviewer'],
  ['hrchef', 'hr_lead'],
  ['div.somatik', 'director'],
  ['hsdir', 'executive'],
  ['styrgrupp', 'follow_up'],
  ['admin', 'admin'],
];
const MISSING = '00000000-0000-4000-8000-000000000000';
const OPS_TOKEN = 'ops-'.repeat(10);

let t: TestApp;
let operations: string[];
beforeAll(async () => {
  t = await startTestApp({ OPS_TOKEN });
  const doc = await t.http.get('/api/docs-json').expect(200);
  operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

async function call(operation: string, username?: string, token?: string) {
  const [method, path] = operation.split(' ');
  const url = path.replace(/\{\w+\}/g, MISSING);
  let req = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
  if (username) req = req.set(await bearer(t, username));
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  return method === 'GET' || method === 'DELETE' ? req : req.send({});
}

describe('the authorisation matrix', () => {
  it('has exactly one row for every operation the API documents', () => {
    expect([...operations].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers every role as the table says, and 401 without a token', async () => {
    const mismatches: string[] = [];
    let cases = 0;
    for (const [operation, audience] of Object.entries(MATRIX)) {
      const anonymous = await call(operation);
      cases += 1;
      if (audience === 'public' ? [401, 403].includes(anonymous.status) : anonymous.status !== 401) {
        mismatches.push(`${operation} anonymous → ${anonymous.status}`);
      }
      if (audience === 'public') continue;
      if (audience === 'ops') {
        const withToken = await call(operation, undefined, OPS_TOKEN);
        if (withToken.status !== 200) mismatches.push(`${operation} with OPS_TOKEN → ${withToken.status}`);
      }
      for (const [username, role] of USERS) {
        const res = await call(operation, username);
        cases += 1;
        if (audience === 'ops') {
          if (res.status !== 401) mismatches.push(`${operation} as ${role} → ${res.status} (only OPS_TOKEN)`);
          continue;
        }
        const allowed = audience === 'any' || audience.includes(role);
        const ok = allowed ? ![401, 403].includes(res.status) && res.status < 500 : res.status === 403;
        if (!ok)
          mismatches.push(`${operation} as ${role} → ${res.status} (${allowed ? 'allowed' : 'denied'})`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(140);
  });
});

describe('organisational scope', () => {
  it('lets each role see requests of its own scope only, and answers others 404', async () => {
    const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const expected: [string, number][] = [
      ['chef.akuten', 200],
      ['chef.psyk', 404],
      ['hr.somatik', 200],
      ['hr.psykiatri', 404],
      ['hrchef', 200],
      ['div.somatik', 200],
      ['div.psykiatri', 404],
      ['hsdir', 200],
      ['styrgrupp', 200],
      ['admin', 200],
    ];
    for (const [username, status] of expected) {
      for (const suffix of ['', '/timeline']) {
        const res = await t.http
          .get(`/api/v1/requests/${submitted.body.id}${suffix}`)
          .set(await bearer(t, username));
        expect([username, suffix, res.status]).toEqual([username, suffix, status]);
      }
      const list = await t.http.get('/api/v1/requests').set(await bearer(t, username));
      const seen = list.body.items.some((r: { id: string }) => r.id === submitted.body.id);
      expect([username, seen]).toEqual([username, status === 200]);
    }
  });
});

describe('reassignment within the stages the reassigner answers for', () => {
  it("lets the HR lead move HR stages only, a director their division's stages up to their own, never the executive's", async () => {
    const units = await unitIdsByCode(t);
    const unitId = units.get('SOM-AKUT')!;
    const colleague = async (username: string, role: Role, scopeUnitId: string | null) => {
      const [user] = await t.db.dataSource.query(
        `INSERT INTO users (username, display_name) VALUES ($1, $1) RETURNING id`,
        [username],
      );
      await t.db.dataSource.query(
        `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, $2, $3)`,
        [user.id, role, scopeUnitId],
      );
      return user.id as string;
    };
    const secondDirector = await colleague('div.somatik.ersattare', 'director', units.get('SOM')!);
    const secondExecutive = await colleague('hsdir.ersattare', 'executive', null);
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { employmentForm: 'permanent', endDate: undefined, replacement: false }))
      .expect(201);
    const id = submitted.body.id;
    const reassign = async (as: string, userId: string) =>
      t.http
        .post(`/api/v1/requests/${id}/reassign`)
        .set(await bearer(t, as))
        .send({ userId });
    const decide = async (as: string) =>
      t.http
        .post(`/api/v1/requests/${id}/decisions`)
        .set(await bearer(t, as))
        .send({ outcome: 'approve' })
        .expect(201);
    const expectRefused = (res: {
      status: number;
      headers: Record<string, string>;
      body: { detail?: string };
    }) => {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.detail;
    };

    await decide('hr.somatik');
    // The director's stage: above the HR lead, the division's director's own level.
    expect(expectRefused(await reassign('hrchef', secondDirector))).toMatch(/director_decision/);
    expect((await reassign('div.somatik', secondDirector)).status).toBe(201);
    await decide('div.somatik.ersattare');
    // The executive's stage: nobody below the executive moves it, the division's director included.
    expect(expectRefused(await reassign('div.somatik', secondExecutive))).toMatch(/executive/);
    expectRefused(await reassign('hrchef', secondExecutive));
    const detail = await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'hsdir'))
      .expect(200);
    expect(detail.body.currentStage.name).toBe('executive_decision');
    const stages = await t.db.dataSource.query(
      `SELECT name, assignee_user_id AS "assigneeUserId" FROM stages WHERE request_id = $1 ORDER BY opened_at`,
      [id],
    );
    expect(stages).toEqual([
      { name: 'hr_review', assigneeUserId: null },
      { name: 'director_decision', assigneeUserId: secondDirector },
      { name: 'executive_decision', assigneeUserId: null },
    ]);
  });
});
