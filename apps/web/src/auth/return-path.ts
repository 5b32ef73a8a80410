/**
 * Where to land after signing in: the page a mail's link or a bookmark asked for, kept across the sign-in (in the
 * query of /signin, and in sessionStorage across the identity provider's round trip). Only a path of this app is
 * accepted: `returnTo` comes from a URL anyone can craft, and following `//evil.example`, `https://evil.example`,
 * `/\evil.example` or `javascript:` after sign-in would hand a freshly signed-in user to another site (an open
 * redirect, the first step of many phishing mails).
 */
/** The path, search and hash of `returnTo` if it is a same-origin path of this app; null otherwise. */
export function safeReturnPath(returnTo: unknown, origin = 'https://provning.invalid'): string | null {
  if (typeof returnTo !== 'string' || returnTo.length === 0 || returnTo.length > 2000) return null;
  // Relative to the root only: not `//host`, not `/\host` (browsers read a backslash as a slash), no scheme.
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(returnTo)) return null;
  let url: URL;
  try {
    url = new URL(returnTo, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  // Back to sign-in or its callback would loop.
  if (url.pathname === '/signin' || url.pathname.startsWith('/auth/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/signin?returnTo=…` for a page that needs a signed-in user. */
export function signInPathFor(path: string): string {
  const safe = safeReturnPath(path);
  return safe && safe !== '/' ? `/signin?returnTo=${encodeURIComponent(safe)}` : '/signin';
}
