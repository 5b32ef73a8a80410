/**
 * JSON calls to the API under test, for the benchmarks: an answer outside 2xx throws, naming the call and the
 * problem body, so a failed call is counted as an error and never timed as a success.
 */
export function benchApi(base: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, read field by field
  async function call(path: string, init: CallInit = {}): Promise<any> {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers = new Headers(init.headers);
    headers.set('content-type', 'application/json');
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
  return {
    call,
    /** POST `body` as `token`'s user. */
    post: (path: string, token: string, body: unknown, headers?: Record<string, string>) =>
      call(path, { token, body, headers }),
    /** A dev token for a seeded user. */
    token: async (username: string): Promise<string> =>
      (await call('/auth/dev-login', { body: { username } })).token,
  };
}

interface CallInit {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}
