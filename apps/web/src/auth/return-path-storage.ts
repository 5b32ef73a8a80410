import { safeReturnPath } from './return-path';

const STORAGE_KEY = 'provning.returnTo';

/** Kept for the identity provider's round trip (same tab, gone with it); validated again when read. */
export function rememberReturnPath(returnTo: string | null): void {
  if (returnTo) sessionStorage.setItem(STORAGE_KEY, returnTo);
  else sessionStorage.removeItem(STORAGE_KEY);
}

export function takeReturnPath(): string | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  return safeReturnPath(stored, window.location.origin);
}
