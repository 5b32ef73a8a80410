import { startTestApp, type TestApp } from '../support/app';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import type { reviewPeriodWatchWorkflow } from '@workflows/period-watch.workflow';
import {
  aCallOffBody,
  aReviewPeriodBody,
  bearer,
  openReviewPeriod,
  unitIdsByCode,
} from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

/** The board's decision every period here records; the listing below names its reference. */
const DECISION = { decisionRef: 'HSN/1895/2025 §42', decidedOn: '2026-03-19' };

describe('review periods over HTTP', () => {
  it('records a period, starts its watch, and an extension stops the watch and starts its own', async () => {
    // A period still ahead: the watch of one already over has nothing to wait for and ends before any extension.
    const created = await openReviewPeriod(t, 'agency_call_off', '2030-04-01', '2030-06-30', DECISION);
    expect(created.status).toBe(201);
    const watch = t.client.workflow.getHandle(`period-watch-${created.body.id}`);
    expect((await watch.describe()).status.name).toBe('RUNNING');

    const extension = await t.http
      .post(`/api/v1/review-periods/${created.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2030-09-30', decisionRef: 'HSN/2110/2026', decidedOn: '2026-06-10' })
      .expect(201);
    expect(extension.body).toMatchObject({
      kind: 'agency_call_off',
      validFrom: '2030-07-01',
      validTo: '2030-09-30',
      extendsId: created.body.id,
    });
    expect(await watch.result()).toMatchObject({ extendedBy: extension.body.id });
    const next = await t.client.workflow.getHandle(`period-watch-${extension.body.id}`).describe();
    expect(next.status.name).not.toBe('FAILED');

    const list = await t.http
      .get('/api/v1/review-periods?kind=agency_call_off')
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(list.body.items.map((p: { decisionRef: string }) => p.decisionRef)).toEqual([
      'HSN/1895/2025 §42',
      'HSN/2110/2026',
    ]);
  });

  it('answers a repeated identical creation with the same period, not a conflict', async () => {
    const a = await openReviewPeriod(t, 'hire', '2027-01-01', '2027-03-31', DECISION);
    expect(a.status).toBe(201);
    const b = await openReviewPeriod(t, 'hire', '2027-01-01', '2027-03-31', DECISION);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
  });

  it('refuses a second extension of one period, an extension ending too early, and non-admins', async () => {
    const base = await openReviewPeriod(t, 'hire', '2028-01-01', '2028-03-31', DECISION);
    expect(base.status).toBe(201);
    const early = await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-03-15', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(400);
    expect(early.body.errors[0].field).toBe('validTo');
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'HSN/1/2028', decidedOn: '2028-03-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-12-31', decisionRef: 'HSN/2/2028', decidedOn: '2028-03-02' })
      .expect(409);
    await t.http
      .post('/api/v1/review-periods')
      .set(await bearer(t, 'hsdir'))
      .send(aReviewPeriodBody('agency_call_off', '2029-01-01', '2029-02-01', DECISION))
      .expect(403);
    await t.http
      .post('/api/v1/review-periods/00000000-0000-0000-0000-000000000000/extensions')
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(404);
    const bad = await t.http
      .post('/api/v1/review-periods')
      .set(await bearer(t, 'admin'))
      .send({ kind: 'holiday' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['kind', 'validFrom', 'validTo', 'decisionRef', 'decidedBy', 'decidedOn']),
    );
  });

  it('pages the register in the envelope every list has: the total on each page, the page size capped at 100', async () => {
    const first = await t.http
      .get('/api/v1/review-periods?pageSize=1')
      .set(await bearer(t, 'admin'))
      .expect(200);
    const total = first.body.total;
    expect(first.body.items).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(2);
    const second = await t.http
      .get('/api/v1/review-periods?pageSize=1&page=2')
      .set(await bearer(t, 'admin'))
      .expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    await t.http
      .get('/api/v1/review-periods?pageSize=101')
      .set(await bearer(t, 'admin'))
      .expect(400);
    await t.http
      .get('/api/v1/delegations?page=0')
      .set(await bearer(t, 'admin'))
      .expect(400);
    const inbox = await t.http
      .get('/api/v1/inbox?pageSize=5')
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(inbox.body).toMatchObject({ page: 1, pageSize: 5 });
  });
});

describe("a period's life cycle: ending early and correcting", () => {
  const today = stockholmDate(new Date());
  const admin = () => bearer(t, 'admin');
  const auditOf = (id: string) =>
    t.db.dataSource.query(
      `SELECT action, before->>'validTo' AS "before", after->>'validTo' AS "after", after->>'decisionRef' AS ref
         FROM admin_audit_log WHERE entity = 'review_period' AND entity_id = $1 ORDER BY at`,
      [id],
    );
  /** The end date the running watch of the period warns for. */
  const watchedEnd = async (id: string) => {
    const handle = t.client.workflow.getHandle<typeof reviewPeriodWatchWorkflow>(`period-watch-${id}`);
    const history = await handle.fetchHistory();
    const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
    // The payloads are encrypted (the codec): decode them as the client would.
    const converter = t.client.options.loadedDataConverter;
    let payloads = started.workflowExecutionStartedEventAttributes!.input!.payloads!;
    for (const codec of [...converter.payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    const input = converter.payloadConverter.fromPayload<{ validTo: string; warningDays: number[] }>(
      payloads[0],
    );
    return {
      running: (await handle.describe()).status.name,
      validTo: input.validTo,
      days: input.warningDays,
    };
  };

  it('ends a period early by a decision, audits it and warns for the new end', async () => {
    const created = await openReviewPeriod(t, 'agency_call_off', '2031-01-01', '2031-12-31', DECISION);
    expect(created.status).toBe(201);
    expect(await watchedEnd(created.body.id)).toEqual({
      running: 'RUNNING',
      validTo: '2031-12-31',
      days: [60, 30, 14, 7],
    });
    const ended = await t.http
      .post(`/api/v1/review-periods/${created.body.id}/end`)
      .set(await admin())
      .send({ validTo: '2031-06-30', decisionRef: 'HSN/77/2031 §4', decidedOn: today })
      .expect(200);
    expect(ended.body).toMatchObject({
      validFrom: '2031-01-01',
      validTo: '2031-06-30',
      decisionRef: DECISION.decisionRef,
      endedEarly: { decisionRef: 'HSN/77/2031 §4', decidedOn: today },
    });
    expect(await auditOf(created.body.id)).toEqual([
      { action: 'end', before: '2031-12-31', after: '2031-06-30', ref: DECISION.decisionRef },
    ]);
    expect(await watchedEnd(created.body.id)).toMatchObject({ running: 'RUNNING', validTo: '2031-06-30' });
  });

  it('refuses an early end in the past, after the current end, of an extended period, or with fields missing', async () => {
    const base = await openReviewPeriod(t, 'agency_call_off', '2032-01-01', '2032-06-30', DECISION);
    const end = (id: string, body: object) =>
      admin().then((auth) => t.http.post(`/api/v1/review-periods/${id}/end`).set(auth).send(body));
    const fields = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);
    const body = { validTo: '2032-03-31', decisionRef: 'HSN/1/2032', decidedOn: today };
    const past = await end(base.body.id, { ...body, validTo: '2020-01-01' });
    expect([past.status, fields(past)]).toEqual([400, ['validTo']]);
    const later = await end(base.body.id, { ...body, validTo: '2032-07-31' });
    expect([later.status, fields(later)]).toEqual([400, ['validTo']]);
    const missing = await end(base.body.id, { validTo: '2032-03-31' });
    expect([missing.status, fields(missing)?.sort()]).toEqual([400, ['decidedOn', 'decisionRef']]);
    expect((await end('00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect(
      (
        await t.http
          .post(`/api/v1/review-periods/not-a-uuid/end`)
          .set(await admin())
          .send(body)
      ).status,
    ).toBe(400);
    const asExecutive = await t.http
      .post(`/api/v1/review-periods/${base.body.id}/end`)
      .set(await bearer(t, 'hsdir'))
      .send(body);
    expect(asExecutive.status).toBe(403);
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await admin())
      .send({ validTo: '2032-12-31', decisionRef: 'HSN/2/2032', decidedOn: today })
      .expect(201);
    const extended = await end(base.body.id, body);
    expect([extended.status, fields(extended)]).toEqual([409, ['validTo']]);
    expect(await auditOf(base.body.id)).toEqual([]);
  });

  it('corrects a mistyped period with an audit of before and after, refusing one that uncovers a request', async () => {
    // A call-off period covering today (the other call-off periods here are years ahead), so a request
    // submitted now is reviewed under it.
    const from = addCalendarDays(today, -10);
    const created = await openReviewPeriod(t, 'agency_call_off', from, addCalendarDays(today, 40), DECISION);
    expect(created.status).toBe(201);
    const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    const request = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(unitId))
      .expect(201);
    expect(request.body.status).toBe('in_review');
    const correct = async (body: object, as = 'admin') =>
      t.http
        .patch(`/api/v1/review-periods/${created.body.id}`)
        .set(await bearer(t, as))
        .send(body);

    const uncovers = await correct({ validTo: addCalendarDays(today, -1) });
    expect([uncovers.status, uncovers.body.errors]).toEqual([
      409,
      [{ field: 'validTo', message: `would leave a request submitted on ${today} outside the period` }],
    ]);
    const startsLater = await correct({ validFrom: addCalendarDays(today, 1) });
    expect([startsLater.status, startsLater.body.errors[0].field]).toEqual([409, 'validFrom']);
    const reversed = await correct({ validFrom: addCalendarDays(today, 50) });
    expect([reversed.status, reversed.body.errors[0].field]).toEqual([400, 'validTo']);
    expect((await correct({})).status).toBe(400);
    const unknown = await correct({ kind: 'hire' });
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([400, 'kind']);
    expect((await correct({ decisionRef: 'X' }, 'hsdir')).status).toBe(403);
    expect((await correct({ decisionRef: 'X' }, 'styrgrupp')).status).toBe(403);

    const fixed = await correct({ validTo: addCalendarDays(today, 70), decisionRef: 'HSN/1895/2025 §43' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      validTo: addCalendarDays(today, 70),
      decisionRef: 'HSN/1895/2025 §43',
    });
    expect(await auditOf(created.body.id)).toEqual([
      {
        action: 'change',
        before: addCalendarDays(today, 40),
        after: addCalendarDays(today, 70),
        ref: 'HSN/1895/2025 §43',
      },
    ]);
    expect(await watchedEnd(created.body.id)).toMatchObject({ validTo: addCalendarDays(today, 70) });
    const log = await t.http
      .get('/api/v1/admin-audit')
      .set(await admin())
      .expect(200);
    expect(log.body.items.some((e: { entity: string }) => e.entity === 'review_period')).toBe(true);
  });
});
