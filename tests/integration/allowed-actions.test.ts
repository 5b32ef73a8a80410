import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(240_000);

/**
 * The actions a request's detail offers each caller (issue 21 item 7) are exactly what the endpoints then accept:
 * the HR partner after the stage moved on to the director is offered no decision and is refused one; the director
 * at their stage is offered it and it is accepted; the requester of a returned request resubmits.
 */
let t: TestApp;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
  units = await unitIdsByCode(t);
});
afterAll(() => t?.stop());

const detailFor = async (requestId: string, username: string) =>
  (
    await t.http
      .get(`/api/v1/requests/${requestId}`)
      .set(await bearer(t, username))
      .expect(200)
  ).body as {
    status: string;
    currentStage: { name: string } | null;
    allowedActions: string[];
    decideAt: { stage: string; mode: string; onBehalfOfId: string | null } | null;
    decideRefusal: string | null;
  };
const decide = async (requestId: string, username: string, body: object) =>
  t.http
    .post(`/api/v1/requests/${requestId}/decisions`)
    .set(await bearer(t, username))
    .send(body);

describe('the allowed actions through a review', () => {
  it('offer each caller what the endpoints accept, and nothing they refuse', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!))
      .expect(201);
    const id = submitted.body.id as string;

    // In review at the HR partner's stage.
    const requester = await detailFor(id, 'chef.akuten');
    expect(requester.allowedActions.sort()).toEqual(['attach', 'withdraw']);
    expect(requester.decideAt).toBeNull();
    const hr = await detailFor(id, 'hr.somatik');
    expect(hr.allowedActions).toEqual(expect.arrayContaining(['decide', 'ask_question', 'attach']));
    expect(hr.allowedActions).not.toEqual(expect.arrayContaining(['resubmit']));
    expect(hr.decideAt).toEqual({ stage: hr.currentStage!.name, mode: 'deciding', onBehalfOfId: null });
    expect(hr.decideRefusal).toBeNull();
    const directorEarly = await detailFor(id, 'div.somatik');
    expect(directorEarly.allowedActions).not.toContain('decide');
    expect(directorEarly.decideRefusal).toBe('not_stage_reviewer');
    const early = await decide(id, 'div.somatik', { outcome: 'approve' });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('not_allowed');

    await decide(id, 'hr.somatik', { outcome: 'approve' }).then((r) => expect(r.status).toBe(201));

    // Moved on to the director: HR is offered no decision and is refused one, with a code the UI words.
    const hrAfter = await detailFor(id, 'hr.somatik');
    expect(hrAfter.status).toBe('in_review');
    expect(hrAfter.allowedActions).not.toContain('decide');
    expect(hrAfter.allowedActions).not.toContain('ask_question');
    expect(hrAfter.decideAt).toBeNull();
    // Segregation of duties is the first rule in the way, as in the workflow: they decided the stage before.
    expect(hrAfter.decideRefusal).toBe('decided_other_stage');
    const refused = await decide(id, 'hr.somatik', { outcome: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_allowed');
    // The form of the earlier stage, submitted late (a second tab): the stage is no longer open.
    const stale = await decide(id, 'hr.somatik', { outcome: 'approve', stage: hr.currentStage!.name });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stage_not_open');

    const director = await detailFor(id, 'div.somatik');
    expect(director.allowedActions).toContain('decide');
    expect(director.decideAt).toMatchObject({ stage: director.currentStage!.name, onBehalfOfId: null });
    expect(director.currentStage!.name).not.toBe(hr.currentStage!.name);
    await decide(id, 'div.somatik', { outcome: 'return', comment: 'Komplettera kostnaden' }).then((r) =>
      expect(r.status).toBe(201),
    );

    // Returned: the requester resubmits, withdraws or attaches; no reviewer decides.
    const returned = await detailFor(id, 'chef.akuten');
    expect(returned.status).toBe('returned');
    expect(returned.allowedActions.sort()).toEqual(['attach', 'resubmit', 'withdraw']);
    const directorReturned = await detailFor(id, 'div.somatik');
    expect(directorReturned.allowedActions).not.toContain('decide');
    expect(directorReturned.decideRefusal).toBe('stage_not_open');
    const none = await decide(id, 'div.somatik', { outcome: 'approve' });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('stage_not_open');
    // What HR is not offered here is refused too.
    const hrResubmit = await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(await bearer(t, 'hr.somatik'))
      .send({});
    expect(hrResubmit.status).toBe(403);
    expect((await detailFor(id, 'hr.somatik')).allowedActions).not.toContain('resubmit');

    await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(await bearer(t, 'chef.akuten'))
      .send({ comment: 'Kostnaden är nu med' })
      .expect(201);
    const back = await detailFor(id, 'chef.akuten');
    expect(back.allowedActions.sort()).toEqual(['attach', 'withdraw']);
  });
});
