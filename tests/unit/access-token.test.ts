import { isAccessToken } from '../../apps/api/src/auth/access-token';

describe('isAccessToken', () => {
  it.each([undefined, 'at+jwt', 'application/at+jwt', 'JWT'])('takes a header typ of %s', (typ) => {
    expect(isAccessToken(typ, { sub: 's' })).toBe(true);
  });

  it.each(['logout+jwt', 'secevent+jwt', 'dpop+jwt'])('refuses a header typ of %s', (typ) => {
    expect(isAccessToken(typ, { sub: 's' })).toBe(false);
  });

  it("refuses Keycloak's ID and refresh tokens by their typ claim, takes its access tokens", () => {
    expect(isAccessToken('JWT', { typ: 'ID' })).toBe(false);
    expect(isAccessToken('JWT', { typ: 'Refresh' })).toBe(false);
    expect(isAccessToken('JWT', { typ: 'Bearer' })).toBe(true);
  });

  it('with client ids configured, takes only tokens whose azp (or client_id) is one of them', () => {
    const clients = ['provning-web'];
    expect(isAccessToken(undefined, { azp: 'provning-web' }, clients)).toBe(true);
    expect(isAccessToken(undefined, { client_id: 'provning-web' }, clients)).toBe(true);
    expect(isAccessToken(undefined, { azp: 'another-app' }, clients)).toBe(false);
    expect(isAccessToken(undefined, {}, clients)).toBe(false);
  });
});
