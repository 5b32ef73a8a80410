import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@db/data-source';
import { createApi } from '../../apps/api/src/create-api';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(120_000);

/**
 * A second API instance reaches PostgreSQL through a proxy the test can cut: while the database is unreachable the
 * API answers 503 with Retry-After (never 500), and it recovers by itself when the database returns.
 */
let t: TestApp;
let proxy: TcpProxy;
let dataSource: DataSource;
let api: INestApplication;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  t = await startTestApp({ AUTH_DEV_SECRET: 'outage-test-secret-outage-test-secret' });
  const target = new URL(t.db.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port));
  target.port = String(proxy.port);
  dataSource = createDataSource({ url: target.toString(), poolSize: 2 });
  await dataSource.initialize();
  api = await createApi({ config: t.config, dataSource, temporalClient: t.client }, false);
  await api.init();
  http = request(api.getHttpServer());
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(async () => {
  await api?.close();
  await dataSource?.destroy().catch(() => undefined);
  await proxy?.stop();
  await t?.stop();
});

describe('PostgreSQL unavailable', () => {
  it('answers 503 with Retry-After while it is away and recovers when it returns', async () => {
    const auth = { Authorization: `Bearer ${await t.token('chef.akuten')}` };
    const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    await http.get('/api/v1/requests').set(auth).expect(200);

    await proxy.cut();
    for (const call of [
      () => http.get('/api/v1/requests').set(auth),
      () => http.post('/api/v1/requests').set(auth).send(aHireBody(unitId)),
      () => http.get('/api/v1/org/units').set(auth),
    ]) {
      const res = await call();
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const health = await http.get('/api/v1/health');
    expect(health.status).toBe(503);

    await proxy.restore();
    const again = await http.post('/api/v1/requests').set(auth).send(aHireBody(unitId));
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('in_review');
  });
});
