import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { freePort } from '@local/ports';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

/** A real JWKS endpoint on loopback, as an identity provider would serve it. */
let jwksServer: Server;
let t: TestApp;
let signingKey: KeyLike;
let foreignKey: KeyLike;
const ISSUER = 'https://login.region.example/realms/vard';
const AUDIENCE = 'provning-api';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  foreignKey = foreign.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const port = await freePort();
  jwksServer = createServer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(port, '127.0.0.1', resolve));
  t = await startTestApp({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: ISSUER,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
    OIDC_WEB_CLIENT_ID: 'provning-web',
    ACCESS_CONTACT: 'HR-funktionen, hr@region.se',
  });
});
afterAll(async () => {
  await t?.stop();
  jwksServer?.close();
});

interface TokenOptions {
  iss?: string;
  aud?: string;
  /** null: no exp claim at all. */
  exp?: number | null;
  /** null: no sub claim at all. */
  sub?: string | null;
  key?: KeyLike;
  username?: string;
  typ?: string;
  claims?: Record<string, unknown>;
}

function token(overrides: TokenOptions = {}) {
  const jwt = new SignJWT({ preferred_username: overrides.username ?? 'hr.somatik', ...overrides.claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...(overrides.typ ? { typ: overrides.typ } : {}) })
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt();
  if (overrides.sub !== null) jwt.setSubject(overrides.sub ?? 'ext-123');
  if (overrides.exp !== null) jwt.setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(overrides.key ?? signingKey);
}

const me = async (bearer: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${bearer}`);

describe('AUTH_MODE=oidc', () => {
  it('accepts a token from the configured issuer and audience; the first sign-in links (iss, sub) by preferred_username', async () => {
    const res = await me(await token());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'hr.somatik' });
    const [row] = await t.db.dataSource.query(
      `SELECT external_issuer, external_subject FROM users WHERE username = 'hr.somatik'`,
    );
    expect(row).toEqual({ external_issuer: ISSUER, external_subject: 'ext-123' });
  });

  it('binds by (iss, sub) from then on: the same subject with another preferred_username is still the same person', async () => {
    const res = await me(await token({ username: 'hsdir' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'hr.somatik' });
  });

  it('refuses another subject that presents the preferred_username of a linked user', async () => {
    const res = await me(await token({ sub: 'ext-impostor', username: 'hr.somatik' }));
    expect(res.status).toBe(401);
  });

  it('refuses a subject whose linked user has been deactivated', async () => {
    expect((await me(await token({ sub: 'ext-dir', username: 'div.somatik' }))).status).toBe(200);
    await t.db.dataSource.query(`UPDATE users SET active = false WHERE username = 'div.somatik'`);
    try {
      expect((await me(await token({ sub: 'ext-dir', username: 'div.somatik' }))).status).toBe(401);
    } finally {
      await t.db.dataSource.query(`UPDATE users SET active = true WHERE username = 'div.somatik'`);
    }
  });

  it.each([
    ['a wrong signature', { foreignKey: true }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'other-api' }],
    ['an expired exp', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['a token without exp', { sub: 'ext-no-exp', username: 'hsdir', exp: null }],
    ['a token without sub', { sub: null, username: 'hsdir' }],
    ['a logout token (typ logout+jwt)', { sub: 'ext-logout', username: 'hsdir', typ: 'logout+jwt' }],
    ["a Keycloak ID token (typ claim 'ID')", { sub: 'ext-id', username: 'hsdir', claims: { typ: 'ID' } }],
  ])('refuses %s with 401', async (_, overrides) => {
    const { foreignKey: useForeignKey, ...claims } = overrides as TokenOptions & { foreignKey?: boolean };
    const res = await me(await token({ ...claims, key: useForeignKey ? foreignKey : undefined }));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      iss: ISSUER,
      aud: AUDIENCE,
      preferred_username: 'hsdir',
      exp: Math.floor(Date.now() / 1000) + 600,
    })}.`;
    expect((await me(unsigned)).status).toBe(401);
  });

  it('creates a person the claim names nobody as an active user with no roles, bound to (iss, sub)', async () => {
    const claims = { name: 'Nina Ny', email: 'Nina.Ny@Region.example' };
    const res = await me(await token({ sub: 'ext-new', username: 'nina.ny', claims }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'nina.ny', displayName: 'Nina Ny', grants: [] });
    const [row] = await t.db.dataSource.query(
      `SELECT email, active, external_issuer, external_subject FROM users WHERE username = 'nina.ny'`,
    );
    expect(row).toEqual({
      email: 'nina.ny@region.example',
      active: true,
      external_issuer: ISSUER,
      external_subject: 'ext-new',
    });
    // The next sign-in finds the same account by subject, even under a new username.
    const again = await me(await token({ sub: 'ext-new', username: 'nina.annan' }));
    expect(again.body).toMatchObject({ id: res.body.id, username: 'nina.ny' });
    // A user with no roles reads nothing beyond themselves and the shared lists.
    const inbox = await t.http
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${await token({ sub: 'ext-new' })}`);
    expect(inbox.status).toBe(403);
  });

  it('creates nobody when the token lacks the link claim: nothing names the person', async () => {
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('ext-nameless')
      .setExpirationTime('10m')
      .sign(signingKey);
    expect((await me(jwt)).status).toBe(401);
  });

  it('does not create an account for a subject whose claim names a deactivated user', async () => {
    await t.db.dataSource.query(`UPDATE users SET active = false WHERE username = 'hsdir'`);
    try {
      expect((await me(await token({ sub: 'ext-hsdir-2', username: 'hsdir' }))).status).toBe(401);
      const rows = await t.db.dataSource.query(`SELECT 1 FROM users WHERE external_subject = 'ext-hsdir-2'`);
      expect(rows).toEqual([]);
    } finally {
      await t.db.dataSource.query(`UPDATE users SET active = true WHERE username = 'hsdir'`);
    }
  });

  it('serves the web app its sign-in settings and the access contact without a token, and nothing secret', async () => {
    const res = await t.http.get('/api/v1/auth/settings').expect(200);
    expect(res.body).toEqual({
      mode: 'oidc',
      oidc: { issuer: ISSUER, clientId: 'provning-web', scope: 'openid profile email' },
      accessContact: 'HR-funktionen, hr@region.se',
    });
    // Query parameters change nothing, and a broken bearer token does not turn the public answer into a 401.
    const odd = await t.http
      .get('/api/v1/auth/settings?mode=dev&clientId=evil')
      .set('Authorization', 'Bearer not-a-token');
    expect(odd.status).toBe(200);
    expect(odd.body).toEqual(res.body);
    await t.http.post('/api/v1/auth/settings').send({ mode: 'dev' }).expect(404);
  });

  it('has no dev sign-in', async () => {
    await t.http.post('/api/v1/auth/dev-login').send({ username: 'admin' }).expect(404);
  });
});

describe('AUTH_MODE=oidc with OIDC_CREATE_UNKNOWN_USERS=false', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: t.config.auth.mode === 'oidc' ? t.config.auth.jwksUrl : '',
      OIDC_CREATE_UNKNOWN_USERS: 'false',
    });
  });
  afterAll(async () => strict?.stop());

  it('refuses a person the claim names nobody, and creates no user', async () => {
    const res = await strict.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await token({ sub: 'ext-nobody', username: 'nobody' })}`);
    expect(res.status).toBe(401);
    expect(await strict.db.dataSource.query(`SELECT 1 FROM users WHERE username = 'nobody'`)).toEqual([]);
  });
});
