import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { createApi } from '../../apps/api/src/create-api';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let unitId: string;
const OPS_TOKEN = 'ops-'.repeat(10);
const ops = { Authorization: `Bearer ${OPS_TOKEN}` };

beforeAll(async () => {
  t = await startTestApp({ OPS_TOKEN });
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  const period = await openReviewPeriod(t, 'hire');
  expect(period.status).toBe(201);
});
afterAll(() => t?.stop());

async function scrape(): Promise<string> {
  const res = await t.http.get('/api/v1/metrics').set(ops).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.text;
}

/** The value of one sample in a Prometheus text exposition, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe('health', () => {
  it('answers liveness without asking any dependency', async () => {
    const res = await t.http.get('/api/v1/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('answers readiness 200 when PostgreSQL and Temporal are both up', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {},
    });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('answers readiness 503 with Retry-After naming the dependency that is down', async () => {
    const broken = {
      query: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    } as unknown as DataSource;
    let app: INestApplication | undefined;
    try {
      app = await createApi({ config: t.config, dataSource: broken, temporalClient: t.client }, false);
      await app.init();
      const res = await request(app.getHttpServer()).get('/api/v1/health').set(ops).expect(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({
        status: 'error',
        info: { temporal: { status: 'up' } },
        error: { database: { status: 'down', message: expect.stringMatching(/ECONNREFUSED/) } },
      });
      // Anyone else learns that the database is down, not the address it was reached at.
      for (const headers of [{}, { Authorization: 'Bearer not-the-ops-token' }, await bearer(t, 'admin')]) {
        const bare = await request(app.getHttpServer()).get('/api/v1/health').set(headers).expect(503);
        expect(bare.body).toEqual({
          status: 'error',
          info: { temporal: { status: 'up' } },
          error: { database: { status: 'down' } },
          details: { temporal: { status: 'up' }, database: { status: 'down' } },
        });
        expect(JSON.stringify(bare.body)).not.toMatch(/ECONNREFUSED|5432/);
      }
      await request(app.getHttpServer()).get('/api/v1/health/live').expect(200);
    } finally {
      await app?.close();
    }
  });
});

describe('Prometheus metrics', () => {
  it('answers only OPS_TOKEN, and nobody while it is unset', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, await bearer(t, 'admin')]) {
      const res = await t.http.get('/api/v1/metrics').set(headers).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.text).not.toContain('provning_open_reviews');
    }
    const unset = await createApi(
      {
        config: { ...t.config, http: { ...t.config.http, opsToken: undefined } },
        dataSource: t.db.dataSource,
        temporalClient: t.client,
      },
      false,
    );
    try {
      await unset.init();
      for (const headers of [{}, ops])
        await request(unset.getHttpServer()).get('/api/v1/metrics').set(headers).expect(404);
    } finally {
      await unset.close();
    }
  });

  it('counts open reviews in PostgreSQL at most every 30 s, however often it is scraped', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const counted = sample(await scrape(), 'provning_open_reviews');
    // Behind the API's back the review closes: scrapes within the next 30 s answer from the count taken above.
    const close = `UPDATE requests SET status = $2 WHERE id = $1`;
    await t.db.dataSource.query(close, [submitted.body.id, 'withdrawn']);
    try {
      for (let i = 0; i < 3; i++) expect(sample(await scrape(), 'provning_open_reviews')).toBe(counted);
    } finally {
      await t.db.dataSource.query(close, [submitted.body.id, submitted.body.status]);
    }
  });

  it('exposes process metrics and the open-review gauge', async () => {
    const text = await scrape();
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE provning_open_reviews gauge$/m);
    const [{ count }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM requests WHERE status IN ('in_review', 'returned')`,
    );
    expect(sample(text, 'provning_open_reviews')).toBe(count);
  });

  it('records HTTP latency under the route template, never the raw id', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    await t.http
      .get(`/api/v1/requests/${submitted.body.id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    await t.http.get('/api/v1/no-such-thing/123').expect(404);
    const text = await scrape();
    expect(text).toMatch(/^# TYPE provning_http_request_duration_seconds histogram$/m);
    expect(
      sample(text, 'provning_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/requests/:id',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'provning_http_request_duration_seconds_bucket', {
        method: 'POST',
        route: '/api/v1/requests',
        status: '201',
        le: '+Inf',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(submitted.body.id);
    expect(text).not.toContain('no-such-thing');
  });

  it('counts submissions by kind and status, decisions by kind and outcome, and open reviews', async () => {
    const before = await scrape();
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    expect(submitted.body.status).toBe('in_review');
    const afterSubmit = await scrape();
    const submittedLabels = { kind: 'hire', status: 'in_review' };
    expect(sample(afterSubmit, 'provning_requests_submitted_total', submittedLabels)).toBe(
      sample(before, 'provning_requests_submitted_total', submittedLabels) + 1,
    );
    expect(sample(afterSubmit, 'provning_open_reviews')).toBe(sample(before, 'provning_open_reviews') + 1);

    await t.http
      .post(`/api/v1/requests/${submitted.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const afterDecision = await scrape();
    const decisionLabels = { kind: 'hire', outcome: 'approve' };
    expect(sample(afterDecision, 'provning_decisions_total', decisionLabels)).toBe(
      sample(before, 'provning_decisions_total', decisionLabels) + 1,
    );
  });

  it('does not count a replayed submission twice', async () => {
    const headers = { ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'observability-replay' };
    await t.http.post('/api/v1/requests').set(headers).send(aHireBody(unitId)).expect(201);
    const before = await scrape();
    await t.http.post('/api/v1/requests').set(headers).send(aHireBody(unitId)).expect(201);
    const after = await scrape();
    const labels = { kind: 'hire', status: 'in_review' };
    expect(sample(after, 'provning_requests_submitted_total', labels)).toBe(
      sample(before, 'provning_requests_submitted_total', labels),
    );
  });
});

describe('request ids', () => {
  it('gives every response an X-Request-Id, and echoes a sane one the caller sent', async () => {
    const generated = await t.http.get('/api/v1/health/live').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await t.http.get('/api/v1/health/live').expect(200);
    expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);

    const echoed = await t.http.get('/api/v1/me').set('X-Request-Id', 'trace-abc.123').expect(401);
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');

    const insane = await t.http
      .get('/api/v1/health/live')
      .set('X-Request-Id', `bad id ${'x'.repeat(200)}`)
      .expect(200);
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the request id of the submission as the memo of the workflow it started', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set({ ...(await bearer(t, 'chef.akuten')), 'X-Request-Id': 'submit-trace-42' })
      .send(aHireBody(unitId))
      .expect(201);
    expect(submitted.headers['x-request-id']).toBe('submit-trace-42');
    const description = await t.client.workflow.getHandle(reviewWorkflowId(submitted.body.id)).describe();
    expect(description.memo).toEqual({ requestId: 'submit-trace-42' });

    const generated = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const described = await t.client.workflow.getHandle(reviewWorkflowId(generated.body.id)).describe();
    expect(described.memo).toEqual({ requestId: generated.headers['x-request-id'] });
  });
});
