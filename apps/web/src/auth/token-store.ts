/**
 * The bearer token lives in sessionStorage: it ends with the tab, which suits shared ward computers, and each
 * tab can hold its own user.
 */
const KEY = 'provning.token';
const listeners = new Set<() => void>();

export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(KEY, token);
    listeners.forEach((l) => l());
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
