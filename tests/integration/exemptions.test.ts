import { addCalendarMonths, stockholmDate } from '@domain/calendar';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
});
afterAll(() => t?.stop());

// Requests are dated by their Stockholm submission day; an exemption runs at most 12 months from its start.
const today = stockholmDate(new Date());
const anExemption = (overrides: Record<string, unknown> = {}) => ({
  scopeUnitId: units.get('SOM'),
  kind: 'agency_call_off',
  occupationalCategories: ['physician'],
  validFrom: today,
  validTo: addCalendarMonths(today, 12),
  costCeilingSek: 500_000,
  reason: 'Akutens läkarbemanning är patientsäkerhetskritisk',
  decisionRef: 'HSN/77/2026',
  ...overrides,
});

describe('exemptions (dispenser) over HTTP', () => {
  it('lets a director grant one for their division, and records a covered request as exempted with no review', async () => {
    const granted = await t.http
      .post('/api/v1/exemptions')
      .set(await bearer(t, 'div.somatik'))
      .send(anExemption())
      .expect(201);
    expect(
      (await t.client.workflow.getHandle(`exemption-watch-${granted.body.id}`).describe()).status.name,
    ).toBe('RUNNING');
    const covered = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(
        aCallOffBody(units.get('SOM-AKUT')!, {
          occupationalCategory: 'physician',
          estimatedCostSek: 450_000,
        }),
      )
      .expect(201);
    expect(covered.body).toMatchObject({
      status: 'exempted',
      reviewRequired: false,
      exemptionId: granted.body.id,
      currentStage: null,
    });
    const aboveCeiling = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!, { estimatedCostSek: 600_000 }))
      .expect(201);
    expect(aboveCeiling.body).toMatchObject({ status: 'in_review', exemptionId: null });
    const nurse = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!, { occupationalCategory: 'nurse' }))
      .expect(201);
    expect(nurse.body.status).toBe('in_review');
  });

  it('stops covering requests once revoked', async () => {
    const granted = await t.http
      .post('/api/v1/exemptions')
      .set(await bearer(t, 'hsdir'))
      .send(anExemption({ occupationalCategories: ['midwife'] }))
      .expect(201);
    await t.http
      .post(`/api/v1/exemptions/${granted.body.id}/revoke`)
      .set(await bearer(t, 'hsdir'))
      .expect(201);
    await t.http
      .post(`/api/v1/exemptions/${granted.body.id}/revoke`)
      .set(await bearer(t, 'hsdir'))
      .expect(409);
    const res = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!, { occupationalCategory: 'midwife' }))
      .expect(201);
    expect(res.body.status).toBe('in_review');
  });

  it("refuses a director outside their division, other roles, and bad fields; lists by the caller's scope", async () => {
    await t.http
      .post('/api/v1/exemptions')
      .set(await bearer(t, 'div.psykiatri'))
      .send(anExemption())
      .expect(403);
    await t.http
      .post('/api/v1/exemptions')
      .set(await bearer(t, 'hr.somatik'))
      .send(anExemption())
      .expect(403);
    await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'chef.akuten'))
      .expect(403);
    const bad = await t.http
      .post('/api/v1/exemptions')
      .set(await bearer(t, 'hsdir'))
      .send(anExemption({ scopeUnitId: '00000000-0000-4000-8000-000000000000' }))
      .expect(422);
    expect(bad.body.errors[0].field).toBe('scopeUnitId');
    const own = await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'div.somatik'))
      .expect(200);
    const other = await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'div.psykiatri'))
      .expect(200);
    const all = await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'admin'))
      .expect(200);
    expect(own.body.items.length).toBeGreaterThanOrEqual(2);
    expect(other.body.items).toEqual([]);
    expect(all.body.items.length).toBe(own.body.items.length);
  });

  it('requires an end date at most 12 months after the start and a cost ceiling (400 naming the field)', async () => {
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await t.http
        .post('/api/v1/exemptions')
        .set(await bearer(t, 'div.somatik'))
        .send(body)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldsOf(anExemption({ validTo: undefined }))).toEqual(['validTo']);
    expect(await fieldsOf(anExemption({ costCeilingSek: undefined }))).toEqual(['costCeilingSek']);
    expect(await fieldsOf(anExemption({ costCeilingSek: null }))).toEqual(['costCeilingSek']);
    expect(await fieldsOf(anExemption({ validTo: addCalendarMonths(today, 12 * 70) }))).toEqual(['validTo']);
    const longest = addCalendarMonths(today, 12);
    const { validFrom, validTo } = (
      await t.http
        .post('/api/v1/exemptions')
        .set(await bearer(t, 'div.somatik'))
        .send(anExemption({ validTo: longest, occupationalCategories: ['nurse'], costCeilingSek: 1 }))
        .expect(201)
    ).body;
    expect([validFrom, validTo]).toEqual([today, longest]);
  });

  it("refuses a director the executive's exemption (403), which the executive still revokes; a director's own stays theirs", async () => {
    const grant = async (as: string) =>
      (
        await t.http
          .post('/api/v1/exemptions')
          .set(await bearer(t, as))
          .send(anExemption({ occupationalCategories: ['psychologist'] }))
          .expect(201)
      ).body.id as string;
    const revoke = async (id: string, as: string) =>
      t.http.post(`/api/v1/exemptions/${id}/revoke`).set(await bearer(t, as));
    const executives = await grant('hsdir');
    const refused = await revoke(executives, 'div.somatik');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const stillThere = await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'admin'))
      .expect(200);
    expect(stillThere.body.items.find((e: { id: string }) => e.id === executives).revokedAt).toBeNull();
    expect((await revoke(executives, 'hsdir')).status).toBe(201);
    const directors = await grant('div.somatik');
    expect((await revoke(directors, 'div.psykiatri')).status).toBe(404);
    expect((await revoke(directors, 'div.somatik')).status).toBe(201);
  });
});
