import { safeReturnPath, signInPathFor } from '../../apps/web/src/auth/return-path';

const ORIGIN = 'https://provning.region.se';

describe('the page to land on after signing in', () => {
  it('keeps a path of this app, with its query and fragment', () => {
    expect(safeReturnPath('/review/6f1c1f0e-0000-4000-8000-000000000001', ORIGIN)).toBe(
      '/review/6f1c1f0e-0000-4000-8000-000000000001',
    );
    expect(safeReturnPath('/requests?page=2#top', ORIGIN)).toBe('/requests?page=2#top');
  });

  it.each([
    'https://evil.example/review/1',
    'http://provning.region.se.evil.example/',
    '//evil.example/review/1',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'review/1',
    '/%0d%0aevil',
    '/review/1\nLocation: https://evil.example',
    '',
  ])('refuses %j', (returnTo) => {
    const safe = safeReturnPath(returnTo, ORIGIN);
    // Refused outright, or at worst kept as a path of this app: never another origin.
    if (safe !== null) expect(new URL(safe, ORIGIN).origin).toBe(ORIGIN);
    if (!returnTo.startsWith('/%')) expect(safe).toBeNull();
  });

  it('refuses what is not text, and the sign-in pages themselves (a loop)', () => {
    expect(safeReturnPath(undefined, ORIGIN)).toBeNull();
    expect(safeReturnPath(['/review/1'], ORIGIN)).toBeNull();
    expect(safeReturnPath('/signin?returnTo=/x', ORIGIN)).toBeNull();
    expect(safeReturnPath('/auth/callback?code=1', ORIGIN)).toBeNull();
  });

  it('puts the page asked for in the sign-in link, and leaves the home page out', () => {
    expect(signInPathFor('/review/1?x=1')).toBe('/signin?returnTo=%2Freview%2F1%3Fx%3D1');
    expect(signInPathFor('/')).toBe('/signin');
    expect(signInPathFor('//evil.example')).toBe('/signin');
  });
});
