/**
 * A real OpenID Provider (panva's certified oidc-provider) for the sign-in tests, run as a child process because
 * the package is ESM only. Its built-in development interactions give a real login form (any password) and a
 * consent page; RP-initiated logout ends its session. Access tokens are JWTs for the API's audience, carrying
 * the person's claims as Keycloak's do, since the API links a first sign-in by a claim of the access token.
 *
 * Environment: OP_PORT, OP_WEB_ORIGIN (the web app, for its redirect URIs), OP_AUDIENCE (the API's
 * OIDC_AUDIENCE), OP_CLIENT_ID. Prints one JSON line {"issuer": …} on stdout when it listens.
 */
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OP_PORT);
const webOrigin = process.env.OP_WEB_ORIGIN;
const audience = process.env.OP_AUDIENCE;
const clientId = process.env.OP_CLIENT_ID ?? 'provning-web';
const issuer = `http://127.0.0.1:${port}`;
// A resource indicator must be an absolute URI; the tokens' audience is the API's OIDC_AUDIENCE all the same.
const resource = 'https://provning.test/api';

/**
 * The people the provider knows, by the login typed into its form (the subject). Their preferred_username is what
 * Prövning links on; `ny.person` names nobody Prövning imported.
 */
const PEOPLE = {
  'anna.berg': {
    preferred_username: 'hr.somatik',
    name: 'Anna Berg',
    email: 'anna.berg@region.example',
    employeeHsaId: 'SE2321000-1001',
  },
  'ny.person': {
    preferred_username: 'ny.person',
    name: 'Nils Nyberg',
    email: 'nils.nyberg@region.example',
    employeeHsaId: 'SE2321000-1999',
  },
  // Named a user Prövning has deactivated (the tests deactivate div.psykiatri).
  'gammal.anstalld': {
    preferred_username: 'div.psykiatri',
    name: 'Gunnar Gammal',
    email: 'gunnar@region.example',
  },
  'admin.region': { preferred_username: 'admin', name: 'Administratör', email: 'admin@region.example' },
  'karin.chef': { preferred_username: 'chef.akuten', name: 'Karin Chef', email: 'karin@region.example' },
  ...JSON.parse(process.env.OP_PEOPLE ?? '{}'),
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-op-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${webOrigin}/auth/callback`],
      post_logout_redirect_uris: [`${webOrigin}/signin`],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['provning-test-op-cookie-key'] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'employeeHsaId'],
    email: ['email'],
  },
  async findAccount(_ctx, sub) {
    const person = PEOPLE[sub];
    if (!person) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...person }) };
  },
  // The API reads who someone is from the access token, as with Keycloak's default mappers.
  async extraTokenClaims(_ctx, token) {
    if (token.kind !== 'AccessToken') return undefined;
    return PEOPLE[token.accountId];
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo(_ctx, indicator) {
        if (indicator !== resource) throw new errors.InvalidTarget();
        return { scope: 'api', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><title>Error</title><pre>${JSON.stringify(out)}</pre>`;
  },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
