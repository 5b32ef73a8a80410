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
  });
});
afterAll(async () => {
  await t?.stop();
  jwksServer?.close();
});

function token(
  overrides: { iss?: string; aud?: string; exp?: number; key?: KeyLike; username?: string } = {},
) {
  return new SignJWT({ preferred_username: overrides.username ?? 'hr.somatik' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('ext-123')
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(overrides.key ?? signingKey);
}

const me = async (bearer: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${bearer}`);

describe('AUTH_MODE=oidc', () => {
  it('accepts a token from the configured issuer and audience, mapped to the user by preferred_username', async () => {
    const res = await me(await token());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'hr.somatik' });
  });

  it.each([
    ['a wrong signature', { foreignKey: true }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'other-api' }],
    ['an expired exp', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['an unknown user', { username: 'nobody' }],
  ])('refuses %s with 401', async (_, overrides) => {
    const { foreignKey: useForeignKey, ...claims } = overrides as Parameters<typeof token>[0] & {
      foreignKey?: boolean;
    };
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

  it('has no dev sign-in', async () => {
    await t.http.post('/api/v1/auth/dev-login').send({ username: 'admin' }).expect(404);
  });
});
