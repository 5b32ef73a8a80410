import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/**
 * Every body field of every write endpoint, over HTTP: a wrong value is refused with 400 problem+json naming that
 * field, and nothing is written.
 */
let t: TestApp;
let unitId: string;
let requestId: string;

beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  const submitted = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aHireBody(unitId));
  requestId = submitted.body.id;
});
afterAll(() => t?.stop());

async function expectFieldRefused(user: string, path: string, body: object, field: string) {
  const res = await t.http
    .post(path)
    .set(await bearer(t, user))
    .send(body);
  expect([field, res.status]).toEqual([field, 400]);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  // A list's bad element is named by its index, e.g. alternativesTried.0.
  const named = res.body.errors.map((e: { field: string }) => e.field.replace(/\.\d+$/, ''));
  expect(named).toContain(field);
}

const WRONG: Record<string, unknown> = {
  unitId: 'not-a-uuid',
  occupationalCategory: 'astronaut',
  justification: 42,
  title: '',
  employmentForm: 'forever',
  fte: 1.5,
  startDate: '2031-02-30',
  endDate: 'tomorrow',
  replacement: 'yes',
  withinBudget: 1,
  monthlyCostSek: 100.5,
  alternativesTried: ['prayer'],
  consequenceIfRejected: ['x'],
  savingsNote: null,
  supplier: '',
  frameworkAgreement: 7,
  periodFrom: '2031-13-01',
  periodTo: '01/02/2031',
  extentHours: -1,
  estimatedCostSek: 0,
  reason: 'boredom',
  urgent: 'true',
};

describe('bad input, field by field', () => {
  it.each(Object.keys(aHireBody('x')).filter((f) => f !== 'kind'))(
    'POST /requests (hire) names %s',
    async (field) => {
      await expectFieldRefused(
        'chef.akuten',
        '/api/v1/requests',
        aHireBody(unitId, { [field]: WRONG[field] }),
        field,
      );
    },
  );

  it.each(Object.keys(aCallOffBody('x')).filter((f) => f !== 'kind'))(
    'POST /requests (agency call-off) names %s',
    async (field) => {
      await expectFieldRefused(
        'chef.akuten',
        '/api/v1/requests',
        aCallOffBody(unitId, { [field]: WRONG[field] }),
        field,
      );
    },
  );

  it('writes nothing for refused submissions', async () => {
    const [{ count }] = await t.db.dataSource.query(`SELECT count(*)::int AS count FROM requests`);
    expect(count).toBe(1);
  });

  it.each<[string, object, string]>([
    ['outcome', { outcome: 'maybe' }, 'outcome'],
    ['stage', { outcome: 'approve', stage: 'lunch' }, 'stage'],
    ['comment', { outcome: 'reject' }, 'comment'],
    ['conditions', { outcome: 'approve_with_conditions' }, 'conditions'],
    [
      'approvedPeriodTo',
      { outcome: 'approve_with_conditions', conditions: 'c', approvedPeriodTo: '2031-02-30' },
      'approvedPeriodTo',
    ],
    ['approvedCostSek', { outcome: 'approve', approvedCostSek: 10 }, 'approvedCostSek'],
    ['unknown field', { outcome: 'approve', verdict: 'yes' }, 'verdict'],
  ])('POST /requests/{id}/decisions names %s', async (_, body, field) => {
    await expectFieldRefused('hr.somatik', `/api/v1/requests/${requestId}/decisions`, body, field);
  });

  it.each<[string, string, object, string]>([
    ['admin', '/api/v1/review-periods', { kind: 'x' }, 'kind'],
    ['hsdir', '/api/v1/exemptions', { kind: 'hire', scopeUnitId: 'x' }, 'scopeUnitId'],
    [
      'hr.somatik',
      '/api/v1/delegations',
      { delegateId: 'x', validFrom: '2031-01-01', validTo: '2031-01-02' },
      'delegateId',
    ],
    ['hrchef', '/api/v1/requests/{id}/reassign', { userId: 'x' }, 'userId'],
    ['chef.akuten', '/api/v1/requests/{id}/withdraw', { comment: 5 }, 'comment'],
    ['chef.akuten', '/api/v1/requests/{id}/resubmit', { changes: 'all' }, 'changes'],
    ['anyone', '/api/v1/auth/dev-login', { username: 7 }, 'username'],
  ])('%s: POST %s names %s', async (user, path, body, field) => {
    const url = path.replace('{id}', requestId);
    if (user === 'anyone') {
      const res = await t.http.post(url).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    } else await expectFieldRefused(user, url, body, field);
  });
});
