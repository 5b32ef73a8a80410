import { Client } from '@temporalio/client';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { payloadToWire } from '@temporal-lib/payload-wire';
import type { WirePayload } from '@contracts/codec';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/** A reviewer's free text about a person: what Temporal must not hold readable. */
const COMMENT = 'Återsänd: Karin Bergströms legitimation saknas';

let t: TestApp;
let stored: WirePayload[];

/** The payloads of a review's history as the Temporal server holds them: read without any codec. */
async function storedPayloadsOf(requestId: string): Promise<WirePayload[]> {
  const raw = new Client({ connection: t.client.connection, namespace: 'default' });
  const history = await raw.workflow.getHandle(reviewWorkflowId(requestId)).fetchHistory();
  const found: WirePayload[] = [];
  for (const event of history.events ?? []) {
    const update = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args;
    const started = event.workflowExecutionStartedEventAttributes?.input;
    for (const p of [...(started?.payloads ?? []), ...(update?.payloads ?? [])]) found.push(payloadToWire(p));
  }
  return found;
}
const text = (p: WirePayload) => Buffer.from(p.data ?? '', 'base64').toString('utf8');
async function decode(as: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  let req = t.http.post('/api/v1/temporal-codec/decode').set(headers);
  if (as) req = req.set(await bearer(t, as));
  return req.send(body as object);
}

beforeAll(async () => {
  t = await startTestApp();
  const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  const submitted = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aHireBody(unitId))
    .expect(201);
  await t.http
    .post(`/api/v1/requests/${submitted.body.id}/decisions`)
    .set(await bearer(t, 'hr.somatik'))
    .send({ outcome: 'return', comment: COMMENT })
    .expect(201);
  stored = await storedPayloadsOf(submitted.body.id);
});
afterAll(() => t?.stop());

describe('Temporal histories under the payload codec', () => {
  it("hold the review's input and the decision encrypted: the comment is not readable at the server", () => {
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const p of stored) {
      expect(Buffer.from(p.metadata!.encoding!, 'base64').toString()).toBe('binary/encrypted');
      expect(text(p)).not.toContain('Karin');
    }
  });

  it('are readable through the codec endpoint by an admin, as the Temporal UI asks for them', async () => {
    const res = await decode('admin', { payloads: stored }, { 'X-Namespace': 'default' });
    expect(res.status).toBe(200);
    expect(res.body.payloads).toHaveLength(stored.length);
    const decoded = res.body.payloads as WirePayload[];
    expect(Buffer.from(decoded[0]!.metadata!.encoding!, 'base64').toString()).toBe('json/plain');
    expect(decoded.map(text).join('\n')).toContain(COMMENT);
  });
});

describe('the codec endpoint refuses', () => {
  it('a caller without a token (401) and a signed-in non-admin (403), decoding nothing', async () => {
    for (const path of ['decode', 'encode']) {
      const anonymous = await t.http.post(`/api/v1/temporal-codec/${path}`).send({ payloads: stored });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      for (const user of ['hr.somatik', 'hsdir', 'chef.akuten']) {
        const res = await t.http
          .post(`/api/v1/temporal-codec/${path}`)
          .set(await bearer(t, user))
          .send({ payloads: stored });
        expect([user, res.status]).toEqual([user, 403]);
        expect(JSON.stringify(res.body)).not.toContain('Karin');
      }
    }
  });

  it.each([
    ['a body without payloads', {}, 'payloads'],
    ['payloads that are not a list', { payloads: 'x' }, 'payloads'],
    ['data that is not base64', { payloads: [{ data: 'not base64!' }] }, 'payloads.0.data'],
    [
      'metadata that is not base64',
      { payloads: [{ metadata: { encoding: '%%' } }] },
      'payloads.0.metadata.encoding',
    ],
    ['an unknown field', { payloads: [], extra: 1 }, 'extra'],
  ])('%s with 400 problem+json naming the field', async (_, body, field) => {
    const res = await decode('admin', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('another namespace (X-Namespace) with 400 naming the header', async () => {
    const res = await decode('admin', { payloads: stored }, { 'X-Namespace': 'someone-else' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'X-Namespace', message: 'must be default' }]);
  });

  it('a payload that was tampered with, or encrypted under a key it does not hold, with 400', async () => {
    const data = Buffer.from(stored[0]!.data!, 'base64');
    data[20] = data[20]! ^ 1;
    const tampered = { ...stored[0]!, data: data.toString('base64') };
    const res = await decode('admin', { payloads: [tampered] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'payloads', message: expect.stringMatching(/authentication/) },
    ]);
    const unknownKey = {
      ...stored[0]!,
      metadata: { ...stored[0]!.metadata, 'encryption-key-id': Buffer.from('gone').toString('base64') },
    };
    expect((await decode('admin', { payloads: [unknownKey] })).body.errors[0].message).toMatch(/"gone"/);
  });
});

describe('the codec endpoint from the Temporal UI in the browser', () => {
  const UI = 'http://localhost:8233';
  let ui: TestApp;
  beforeAll(async () => (ui = await startTestApp({ CORS_ORIGINS: UI })));
  afterAll(() => ui?.stop());

  it("answers the UI's preflight with its headers allowed (the UI's origin in CORS_ORIGINS)", async () => {
    const res = await ui.http
      .options('/api/v1/temporal-codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe(UI);
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('x-namespace');
  });
});
