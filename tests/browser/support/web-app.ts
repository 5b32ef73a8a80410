import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/app';

export interface WebTestApp extends TestApp {
  baseUrl: string;
}

/**
 * The real API and worker (tests/support/app.ts), listening on a free port so a browser can reach them; on `port`
 * when given (a test that configures PUBLIC_URL must know the address before the app starts).
 */
export async function startWebTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
  listenOn = 0,
): Promise<WebTestApp> {
  const t = await startTestApp(env, options);
  const server: Server = t.app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
