import { toProblem } from './problem';
import { tokenStore } from '../auth/token-store';

export const API = '/api/v1';

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One place that signs requests, turns problem+json into ProblemError, and signs out on an expired token. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = tokenStore.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // A FormData body gets its multipart boundary from the browser.
  if (init.body && !(init.body instanceof FormData) && !headers.has('Content-Type'))
    headers.set('Content-Type', 'application/json');
  const res = await fetch(`${API}${path}`, { ...init, headers });
  if (res.status === 401 && token) tokenStore.clear();
  if (!res.ok) throw await toProblem(res);
  return res;
}

export async function getJson<T>(path: string, query?: Query): Promise<T> {
  const res = await apiFetch(withQuery(path, query));
  return (await res.json()) as T;
}

export async function postJson<T>(path: string, body: unknown, headers: HeadersInit = {}): Promise<T> {
  const res = await apiFetch(path, { method: 'POST', body: JSON.stringify(body ?? {}), headers });
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export async function deleteResource(path: string): Promise<void> {
  await apiFetch(path, { method: 'DELETE' });
}

export async function patchJson<T>(path: string, body: unknown): Promise<T> {
  const res = await apiFetch(path, { method: 'PATCH', body: JSON.stringify(body ?? {}) });
  return (await res.json()) as T;
}

/** A file the API serves behind the bearer token, fetched and handed to the browser as a download. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await apiFetch(path);
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  // The exact name (RFC 5987 filename*, e.g. with å ä ö) before the ASCII fallback.
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = exact
    ? decodeURIComponent(exact)
    : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
