import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import request from 'supertest';
import { ConfigError, loadConfig, type AppConfig } from '@config/config';
import { createApi } from '../../apps/api/src/create-api';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/**
 * The edges an attacker reaches first: forged dev tokens, security headers, CORS and rate limits. Extra API
 * instances share the test app's database and Temporal client, each with the configuration under test.
 */
const SECRET = 'security-test-secret-security-test-secret';
let t: TestApp;
let unitId: string;
const extra: INestApplication[] = [];

beforeAll(async () => {
  t = await startTestApp({ AUTH_DEV_SECRET: SECRET, CORS_ORIGINS: 'https://ui.region.example' });
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t?.stop();
});

async function apiWith(env: Record<string, string>) {
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: t.config.database.url,
    TEMPORAL_ADDRESS: t.config.temporal.address,
    TEMPORAL_TASK_QUEUE: t.config.temporal.taskQueue,
    AUTH_MODE: 'dev',
    AUTH_DEV_SECRET: SECRET,
    ...env,
  });
  const app = await createApi({ config, dataSource: t.db.dataSource, temporalClient: t.client }, false);
  await app.init();
  extra.push(app);
  return request(app.getHttpServer());
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('dev tokens', () => {
  async function devToken(
    overrides: { secret?: string; iss?: string; aud?: string; exp?: number; alg?: string } = {},
  ) {
    const [{ id }] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`);
    return new SignJWT({ preferred_username: 'admin' })
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256' })
      .setSubject(id)
      .setIssuer(overrides.iss ?? 'provning-dev')
      .setAudience(overrides.aud ?? 'provning')
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(new TextEncoder().encode(overrides.secret ?? SECRET));
  }
  const me = (token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  it('accepts a token signed with the configured secret (the control for the refusals below)', async () => {
    expect((await me(await devToken())).status).toBe(200);
  });

  it.each<[string, Parameters<typeof devToken>[0]]>([
    ['a wrong signature', { secret: 'another-secret-another-secret-another' }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'other-api' }],
    ['an expired exp', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['another HMAC algorithm', { alg: 'HS512' }],
  ])('refuses %s with 401 problem+json', async (_, overrides) => {
    const res = await me(await devToken(overrides));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('refuses an unsigned token (alg: none) naming a real user', async () => {
    const [{ id }] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`);
    const claims = {
      sub: id,
      iss: 'provning-dev',
      aud: 'provning',
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    expect((await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)).status).toBe(401);
  });

  it('hands out no dev token when AUTH_MODE is unset and the API listens beyond loopback', async () => {
    const config = loadConfig({
      DATABASE_URL: t.config.database.url,
      TEMPORAL_ADDRESS: t.config.temporal.address,
      HOST: '0.0.0.0',
    });
    const refused = createApi({ config, dataSource: t.db.dataSource, temporalClient: t.client }, false);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/AUTH_MODE: must be set/);
    // On loopback nobody else reaches it, so dev sign-in needs no choosing there.
    const local = await apiWith({ AUTH_MODE: '', HOST: '127.0.0.1' });
    await local.post('/api/v1/auth/dev-login').send({ username: 'admin' }).expect(200);
  });

  it('makes dev sign-in impossible in production: the configuration refuses AUTH_MODE=dev there', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toContain('AUTH_MODE');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE/);
  });
});

describe('security headers', () => {
  it.each(['/api/v1/health/live', '/api/v1/me', '/api/docs', '/api/docs-json'])(
    'sends helmet headers on %s',
    async (path) => {
      const res = await t.http.get(path);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
      expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    },
  );
});

describe('CORS', () => {
  const preflight = (http: ReturnType<typeof request>, origin: string) =>
    http
      .options('/api/v1/requests')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  it('lets the configured origin call the API cross-origin', async () => {
    const res = await preflight(t.http, 'https://ui.region.example');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://ui.region.example');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    const get = await t.http
      .get('/api/v1/me')
      .set('Origin', 'https://ui.region.example')
      .set(await bearer(t, 'admin'));
    expect(get.headers['access-control-allow-origin']).toBe('https://ui.region.example');
  });

  it('gives any other origin no CORS headers, so its browser cannot read the answer', async () => {
    for (const origin of ['https://evil.example', 'https://ui.region.example.evil.example', 'null']) {
      const res = await preflight(t.http, origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await t.http
        .get('/api/v1/me')
        .set('Origin', origin)
        .set(await bearer(t, 'admin'));
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('is closed to every origin when CORS_ORIGINS is unset', async () => {
    const http = await apiWith({});
    const res = await preflight(http, 'https://ui.region.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming the variable', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ok.example,https://x.example/path' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('rate limits', () => {
  it('answers dev sign-in beyond RATE_LIMIT_LOGIN_PER_MINUTE with 429 problem+json and Retry-After', async () => {
    const http = await apiWith({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await http.post('/api/v1/auth/dev-login').send({ username: 'admin' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await http.post('/api/v1/auth/dev-login').send({ username: 'hrchef' });
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // Other endpoints are not limited by it.
    await http.get('/api/v1/health/live').expect(200);
  });

  it('limits submissions per caller (RATE_LIMIT_SUBMIT_PER_MINUTE), refusing before the body is read', async () => {
    const http = await apiWith({ RATE_LIMIT_SUBMIT_PER_MINUTE: '2', RATE_LIMIT_LOGIN_PER_MINUTE: '0' });
    const chef = await bearer(t, 'chef.akuten');
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await http.post('/api/v1/requests').set(chef).send(aHireBody(unitId))).status);
    expect(codes).toEqual([201, 201, 429]);
    // Even a body the parser would refuse is answered 429: the limit comes first.
    const flood = await http
      .post('/api/v1/requests')
      .set(chef)
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(flood.status).toBe(429);
    // Another caller has a budget of its own, and reads are never limited.
    const other = await bearer(t, 'chef.psyk');
    const psyUnit = (await unitIdsByCode(t)).get('PSY-VUX')!;
    expect((await http.post('/api/v1/requests').set(other).send(aHireBody(psyUnit))).status).toBe(201);
    await http.get('/api/v1/requests').set(chef).expect(200);
  });

  it('counts a user once however the Authorization header is spelled, and the path as routing matches it', async () => {
    const http = await apiWith({ RATE_LIMIT_SUBMIT_PER_MINUTE: '3', RATE_LIMIT_LOGIN_PER_MINUTE: '0' });
    const token = (await bearer(t, 'chef.akuten')).Authorization.replace(/^Bearer /, '');
    const spellings: [string, string][] = [
      ['/api/v1/requests', `Bearer ${token}`],
      ['/api/v1/REQUESTS', `bearer ${token}`],
      ['/API/V1/Requests/', `BEARER   ${token}`],
      ['/api/v1/requests/', `Bearer  ${token} `],
    ];
    const codes: number[] = [];
    for (const [path, authorization] of spellings)
      codes.push((await http.post(path).set('Authorization', authorization).send(aHireBody(unitId))).status);
    expect(codes).toEqual([201, 201, 201, 429]);
    // A made-up token is no caller of its own: it spends its address's budget.
    const forged = await http.post('/api/v1/requests').set('Authorization', 'Bearer not.a.token').send({});
    expect(forged.status).toBe(401);
    const again = await http.post('/api/v1/requests').set('Authorization', 'Bearer other.made.up').send({});
    expect(again.status).toBe(401);
    expect(
      (await http.post('/api/v1/requests').set('Authorization', 'Bearer third.made.up').send({})).status,
    ).toBe(401);
    expect(
      (await http.post('/api/v1/requests').set('Authorization', 'Bearer fourth.made.up').send({})).status,
    ).toBe(429);
  });

  it('documents the 429 on the limited operations only', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/auth/dev-login'].post.responses['429']).toBeDefined();
    expect(doc.paths['/api/v1/requests'].post.responses['429']).toBeDefined();
    expect(doc.paths['/api/v1/requests'].get.responses['429']).toBeUndefined();
  });
});
