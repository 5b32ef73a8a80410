import { stockholmDate } from '@domain/calendar';
import { startTestApp, type TestApp } from '../support/app';
import { historyWriter } from '../support/history';
import { bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { publishRecommendingRoute, submitHire } from '../support/recommending-route';

jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  await publishRecommendingRoute(t);
});
afterAll(() => t?.stop());

const decide = async (id: string, username: string, body: Record<string, unknown>) =>
  t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set(await bearer(t, username))
    .send(body);
const detail = async (id: string, username: string) =>
  (
    await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, username))
      .expect(200)
  ).body;

describe('a recommending stage through the API', () => {
  it('lets the director approve against HR’s avstyrkan, shows it to them, and keeps both in the timeline', async () => {
    const id = await submitHire(t);
    const atHr = await detail(id, 'hr.somatik');
    expect(atHr.currentStage).toMatchObject({
      name: 'hr_review',
      mode: 'recommending',
      outcomes: ['recommend_approve', 'recommend_reject', 'return'],
    });

    // A decision at a recommending stage is refused, naming the outcome; an avstyrkan needs its reason.
    const approve = await decide(id, 'hr.somatik', { outcome: 'approve' });
    expect(approve.status).toBe(422);
    expect(approve.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    const noReason = await decide(id, 'hr.somatik', { outcome: 'recommend_reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);

    const recommended = await decide(id, 'hr.somatik', {
      outcome: 'recommend_reject',
      comment: 'Budgeten räcker inte i år',
    });
    expect(recommended.status).toBe(201);
    expect(recommended.body).toMatchObject({
      outcome: 'recommend_reject',
      status: 'in_review',
      nextStage: { name: 'director_decision', mode: 'deciding' },
    });

    const atDirector = await detail(id, 'div.somatik');
    expect(atDirector.currentStage).toMatchObject({
      name: 'director_decision',
      mode: 'deciding',
      outcomes: ['approve', 'approve_with_conditions', 'reject', 'return'],
    });
    expect(atDirector.stages.map((s: { name: string; mode: string }) => [s.name, s.mode])).toEqual([
      ['hr_review', 'recommending'],
      ['director_decision', 'deciding'],
    ]);
    expect(atDirector.recommendations).toEqual([
      expect.objectContaining({
        stage: 'hr_review',
        outcome: 'recommend_reject',
        comment: 'Budgeten räcker inte i år',
        actorName: expect.any(String),
      }),
    ]);
    expect((await decide(id, 'div.somatik', { outcome: 'recommend_approve' })).status).toBe(422);

    const approved = await decide(id, 'div.somatik', { outcome: 'approve', comment: 'Beviljas ändå' });
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('approved');

    const timeline = (
      await t.http
        .get(`/api/v1/requests/${id}/timeline`)
        .set(await bearer(t, 'chef.akuten'))
        .expect(200)
    ).body as { type: string; data: { stage?: string; outcome?: string; comment?: string } }[];
    expect(timeline.filter((e) => e.type === 'decision').map((e) => [e.data.stage, e.data.outcome])).toEqual([
      ['hr_review', 'recommend_reject'],
      ['director_decision', 'approve'],
    ]);
    const final = await detail(id, 'chef.akuten');
    expect(final).toMatchObject({ status: 'approved', currentStage: null });
    expect(final.decisions).toHaveLength(2);

    // The statistics count HR's avstyrkan apart from decisions, and the request as "avstyrkt men beviljad".
    const today = stockholmDate(new Date());
    const summary = (
      await t.http
        .get(`/api/v1/stats/summary?from=${today}&to=${today}`)
        .set(await bearer(t, 'hsdir'))
        .expect(200)
    ).body;
    expect(summary.againstRecommendation).toEqual({ approved: 1, rejected: 0 });
    expect(summary.recommendations).toEqual({ approve: 0, reject: 1 });
    expect(summary.stages.hr_review).toMatchObject({ recommendedRejection: 1, recommendedApproval: 0 });
    expect(summary.decided).toMatchObject({ approved: 1, rejected: 0 });
    expect(summary.approvalRate).toBe(1);
  });
});

describe('statistics of recommendations', () => {
  it('counts a request approved after an avstyrkan only while the avstyrkan stands (a later tillstyrkan replaces it)', async () => {
    const history = historyWriter(t.db.dataSource);
    const [requester] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'chef.akuten'`);
    const [hr] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'hr.somatik'`);
    const [director] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'div.somatik'`);
    const base = {
      kind: 'hire' as const,
      unitId: units.get('SOM-AKUT')!,
      divisionId: units.get('SOM')!,
      requesterId: requester.id,
      category: 'nurse',
      costSek: 50_000,
    };
    const inReview = { actorId: hr.id, status: 'in_review' as const, final: false };
    const approved = { actorId: director.id, status: 'approved' as const, final: true };
    const due = '2031-03-20T15:00:00Z';

    // Avstyrkt, then approved: decided against the recommendation.
    const against = await history.submit({ ...base, at: '2031-03-02T08:00:00Z' });
    const hr1 = await against.open('hr_review', 1, '2031-03-02T08:00:00Z', due);
    await against.decide(hr1, 'hr_review', 'recommend_reject', '2031-03-03T08:00:00Z', inReview);
    const dir1 = await against.open('director_decision', 1, '2031-03-03T08:00:00Z', due);
    await against.decide(dir1, 'director_decision', 'approve', '2031-03-04T08:00:00Z', approved);

    // Avstyrkt, returned and changed, then tillstyrkt in the second round and approved: no longer against.
    const superseded = await history.submit({ ...base, at: '2031-03-02T09:00:00Z' });
    const s1 = await superseded.open('hr_review', 1, '2031-03-02T09:00:00Z', due);
    await superseded.decide(s1, 'hr_review', 'recommend_reject', '2031-03-03T09:00:00Z', inReview);
    const s2 = await superseded.open('director_decision', 1, '2031-03-03T09:00:00Z', due);
    await superseded.decide(s2, 'director_decision', 'return', '2031-03-04T09:00:00Z', {
      actorId: director.id,
      status: 'returned',
      final: false,
    });
    await superseded.resubmit('2031-03-05T09:00:00Z');
    const s3 = await superseded.open('hr_review', 2, '2031-03-05T09:00:00Z', due);
    await superseded.decide(s3, 'hr_review', 'recommend_approve', '2031-03-06T09:00:00Z', inReview);
    const s4 = await superseded.open('director_decision', 2, '2031-03-06T09:00:00Z', due);
    await superseded.decide(s4, 'director_decision', 'approve', '2031-03-09T09:00:00Z', approved);

    const summary = (
      await t.http
        .get('/api/v1/stats/summary?from=2031-03-01&to=2031-03-31')
        .set(await bearer(t, 'hsdir'))
        .expect(200)
    ).body;
    expect(summary.againstRecommendation).toEqual({ approved: 1, rejected: 0 });
    expect(summary.recommendations).toEqual({ approve: 1, reject: 2 });
    // Approval rate from decisions only: two approvals, no rejection; the avstyrkan is no rejection.
    expect(summary.decided).toMatchObject({ approved: 2, rejected: 0 });
    expect(summary.approvalRate).toBe(1);
    expect(summary.stages.hr_review).toMatchObject({ recommendedRejection: 2, recommendedApproval: 1 });
  });
});
