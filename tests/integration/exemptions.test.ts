import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;
// Requests are dated by their Stockholm submission day; the hire period ends in 30 days, the call-off one in 2099.
const today = stockholmDate(new Date());
const hirePeriodEnd = addCalendarDays(today, 30);
beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
  expect((await openReviewPeriod(t, 'hire', '2020-01-01', hirePeriodEnd)).status).toBe(201);
});
afterAll(() => t?.stop());

/** A general exemption recorded on a board decision. */
const anExemption = (overrides: Record<string, unknown> = {}) => ({
  scopeUnitId: units.get('SOM'),
  kind: 'agency_call_off',
  occupationalCategories: ['physician'],
  validFrom: today,
  validTo: addCalendarDays(today, 90),
  costCeilingSek: 500_000,
  reason: 'Akutens läkarbemanning är patientsäkerhetskritisk',
  decisionBody: 'Hälso- och sjukvårdsnämnden',
  decisionRef: 'HSN/77/2026 § 12',
  decidedOn: today,
  ...overrides,
});

const record = async (as: string, overrides: Record<string, unknown> = {}) =>
  t.http
    .post('/api/v1/exemptions')
    .set(await bearer(t, as))
    .send(anExemption(overrides));
const revoke = async (
  id: string,
  as: string,
  body: Record<string, unknown> = { reason: 'Nytt beslut', revokedOn: today },
) =>
  t.http
    .post(`/api/v1/exemptions/${id}/revoke`)
    .set(await bearer(t, as))
    .send(body);
const submitCallOff = async (overrides: Record<string, unknown> = {}) =>
  t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aCallOffBody(units.get('SOM-AKUT')!, overrides))
    .expect(201);
const summaryToday = async () =>
  (
    await t.http
      .get(`/api/v1/stats/summary?from=${today}&to=${today}&kind=agency_call_off`)
      .set(await bearer(t, 'hsdir'))
      .expect(200)
  ).body;

describe('general exemptions over HTTP', () => {
  it('covers a request when the admin records it on a board decision; the request is counted with its cost and names it', async () => {
    const before = await summaryToday();
    const granted = await record('admin');
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      decisionBody: 'Hälso- och sjukvårdsnämnden',
      decisionRef: 'HSN/77/2026 § 12',
      decidedOn: today,
      status: 'active',
      revokedOn: null,
    });
    expect(
      (await t.client.workflow.getHandle(`exemption-watch-${granted.body.id}`).describe()).status.name,
    ).toBe('RUNNING');
    const covered = await submitCallOff({ occupationalCategory: 'physician', estimatedCostSek: 450_000 });
    expect(covered.body).toMatchObject({
      status: 'exempted',
      reviewRequired: false,
      exemptionId: granted.body.id,
      currentStage: null,
    });
    const detail = await t.http
      .get(`/api/v1/requests/${covered.body.id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(detail.body.exemption).toEqual({
      id: granted.body.id,
      decisionBody: 'Hälso- och sjukvårdsnämnden',
      decisionRef: 'HSN/77/2026 § 12',
      decidedOn: today,
    });
    const after = await summaryToday();
    expect(after.submitted - before.submitted).toBe(1);
    expect(after.notReviewed.exempted - before.notReviewed.exempted).toBe(1);
    expect(after.cost.agencyCallOff.requested - before.cost.agencyCallOff.requested).toBe(450_000);
    expect(after.cost.agencyCallOff.exempted - before.cost.agencyCallOff.exempted).toBe(450_000);

    const aboveCeiling = await submitCallOff({ estimatedCostSek: 600_000 });
    expect(aboveCeiling.body).toMatchObject({ status: 'in_review', exemptionId: null });
    const nurse = await submitCallOff({ occupationalCategory: 'nurse' });
    expect(nurse.body.status).toBe('in_review');
    const last = await summaryToday();
    expect(last.submitted - after.submitted).toBe(2);
    expect(last.cost.agencyCallOff.exempted).toBe(after.cost.agencyCallOff.exempted);
  });

  it('stops covering requests from the day it is revoked; a revocation is audited and not repeated', async () => {
    const granted = (await record('hsdir', { occupationalCategories: ['midwife'] })).body;
    expect((await revoke(granted.id, 'hsdir')).body).toMatchObject({
      status: 'revoked',
      revokedOn: today,
      revokeReason: 'Nytt beslut',
    });
    expect((await revoke(granted.id, 'admin')).status).toBe(409);
    const res = await submitCallOff({ occupationalCategory: 'midwife' });
    expect(res.body.status).toBe('in_review');
    const [event] = await t.db.dataSource.query(
      `SELECT actor_id AS "actorId", data FROM audit_events WHERE event_key = $1`,
      [`exemption_revoked:${granted.id}`],
    );
    expect(event.data).toMatchObject({ exemptionId: granted.id, reason: 'Nytt beslut', revokedOn: today });
  });

  it('keeps covering until a revocation dated later takes effect', async () => {
    const granted = (await record('hsdir', { occupationalCategories: ['psychologist'] })).body;
    const later = await revoke(granted.id, 'admin', {
      reason: 'Beslut om upphörande',
      revokedOn: addCalendarDays(today, 7),
    });
    expect(later.body.status).toBe('active');
    expect((await submitCallOff({ occupationalCategory: 'psychologist' })).body.status).toBe('exempted');
  });

  it('lets no director record or revoke one (403), and lets a director read only their division', async () => {
    const refused = await record('div.somatik');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await record('hr.somatik')).status).toBe(403);
    const granted = (await record('hsdir', { occupationalCategories: ['other'] })).body;
    const byDirector = await revoke(granted.id, 'div.somatik');
    expect(byDirector.status).toBe(403);
    await t.http
      .get('/api/v1/exemptions')
      .set(await bearer(t, 'chef.akuten'))
      .expect(403);
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
    expect(own.body.items.find((e: { id: string }) => e.id === granted.id).revokedOn).toBeNull();
    expect(other.body.items).toEqual([]);
    expect(all.body.items.length).toBe(own.body.items.length);
  });

  it('refuses bad input with 4xx problem+json naming the field', async () => {
    const fieldsOf = async (overrides: Record<string, unknown>, status = 400) => {
      const res = await record('hsdir', overrides);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldsOf({ validTo: undefined })).toEqual(['validTo']);
    expect(await fieldsOf({ costCeilingSek: null })).toEqual(['costCeilingSek']);
    expect(await fieldsOf({ decisionBody: undefined, decidedOn: undefined })).toEqual([
      'decisionBody',
      'decidedOn',
    ]);
    expect(await fieldsOf({ decidedOn: addCalendarDays(today, 1) })).toContain('decidedOn');
    // No later than the review period's end.
    expect(await fieldsOf({ kind: 'hire', validTo: addCalendarDays(hirePeriodEnd, 1) })).toEqual(['validTo']);
    expect((await record('hsdir', { kind: 'hire', validTo: hirePeriodEnd })).status).toBe(201);
    expect(await fieldsOf({ scopeUnitId: '00000000-0000-4000-8000-000000000000' }, 422)).toEqual([
      'scopeUnitId',
    ]);
    const id = (await record('hsdir', { occupationalCategories: ['nurse'] })).body.id;
    const bad = await revoke(id, 'hsdir', { revokedOn: addCalendarDays(today, -1) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason']);
    const past = await revoke(id, 'hsdir', { reason: 'x', revokedOn: addCalendarDays(today, -1) });
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['revokedOn']);
    expect((await revoke('00000000-0000-4000-8000-000000000000', 'hsdir')).status).toBe(404);
  });
});
