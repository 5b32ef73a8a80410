import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(240_000);

/**
 * Questions without a return (issue 21), through the API: the HR partner asks on a call-off, the requester
 * answers, the stage stays open and is decided afterwards; both steps are on the timeline and notified.
 */
let t: TestApp;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
  units = await unitIdsByCode(t);
});
afterAll(() => t?.stop());

const MISSING = '00000000-0000-4000-8000-000000000000';

async function submit(): Promise<string> {
  const res = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aCallOffBody(units.get('SOM-AKUT')!))
    .expect(201);
  return res.body.id;
}

const ask = async (requestId: string, username: string, body: unknown, status: number) =>
  t.http
    .post(`/api/v1/requests/${requestId}/questions`)
    .set(await bearer(t, username))
    .send(body as object)
    .expect(status);
const answer = async (
  requestId: string,
  questionId: string,
  username: string,
  body: unknown,
  status: number,
) =>
  t.http
    .post(`/api/v1/requests/${requestId}/questions/${questionId}/answer`)
    .set(await bearer(t, username))
    .send(body as object)
    .expect(status);
const notified = async (username: string, requestId: string) =>
  (
    await t.db.dataSource.query(
      `SELECT n.type FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE u.username = $1 AND n.request_id = $2`,
      [username, requestId],
    )
  ).map((n: { type: string }) => n.type);

describe('a question on a call-off', () => {
  it('is asked by the HR partner and answered by the requester while the stage stays open, then decided', async () => {
    const requestId = await submit();
    const asked = await ask(requestId, 'hr.somatik', { text: '  Vilka vikarier har ni frågat?  ' }, 201);
    const questionId = asked.body.questionId as string;
    expect(await notified('chef.akuten', requestId)).toContain('question_asked');

    // One open question per stage.
    const second = await ask(requestId, 'hr.somatik', { text: 'Och en till?' }, 409);
    expect(second.headers['content-type']).toContain('application/problem+json');

    const list = await t.http
      .get(`/api/v1/requests/${requestId}/questions`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(list.body).toMatchObject({
      pausesDeadline: false,
      openQuestionId: questionId,
      items: [
        { id: questionId, stage: 'staffing_review', question: 'Vilka vikarier har ni frågat?', answer: null },
      ],
    });

    await answer(requestId, questionId, 'chef.akuten', { text: 'Poolen och två bemanningsbolag.' }, 201);
    expect(await notified('hr.somatik', requestId)).toContain('question_answered');
    const again = await answer(requestId, questionId, 'chef.akuten', { text: 'Igen' }, 409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const detail = await t.http
      .get(`/api/v1/requests/${requestId}`)
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(detail.body.status).toBe('in_review');
    const timeline = await t.http
      .get(`/api/v1/requests/${requestId}/timeline`)
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    const types = (timeline.body as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['question_asked', 'question_answered']));
    expect(types).not.toContain('resubmitted');

    await t.http
      .post(`/api/v1/requests/${requestId}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
  });
});

describe('bad input and the wrong caller', () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = await submit();
  });

  it.each([
    ['no text', {}],
    ['an empty text', { text: '   ' }],
    ['a text too long', { text: 'x'.repeat(2001) }],
    ['a text that is not a string', { text: 42 }],
  ])('refuses a question with %s (400 naming text)', async (_name, body) => {
    const res = await ask(requestId, 'hr.somatik', body, 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors ?? res.body.fields ?? res.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'text' })]),
    );
  });

  it("refuses a question from anyone but the open stage's reviewer (403)", async () => {
    // The director reviews a later stage; the requester never decides their own request.
    await ask(requestId, 'div.somatik', { text: 'Varför?' }, 403);
    await ask(requestId, 'chef.akuten', { text: 'Varför?' }, 403);
  });

  it('refuses an answer from anyone but the requester, and to a question that does not exist', async () => {
    const asked = await ask(requestId, 'hr.somatik', { text: 'Hur länge?' }, 201);
    await answer(requestId, asked.body.questionId, 'hr.somatik', { text: 'Svar' }, 403);
    await answer(requestId, MISSING, 'chef.akuten', { text: 'Svar' }, 404);
    const empty = await answer(requestId, asked.body.questionId, 'chef.akuten', { text: '' }, 400);
    expect(JSON.stringify(empty.body)).toContain('text');
  });

  it('refuses a question on a request not in review (409)', async () => {
    const withdrawn = await submit();
    await t.http
      .post(`/api/v1/requests/${withdrawn}/withdraw`)
      .set(await bearer(t, 'chef.akuten'))
      .send({})
      .expect(201);
    const res = await ask(withdrawn, 'hr.somatik', { text: 'För sent?' }, 409);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 404 for a request the caller cannot see', async () => {
    await ask(MISSING, 'hr.somatik', { text: 'Finns den?' }, 404);
  });
});
