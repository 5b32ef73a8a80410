import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestOpenIdProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * tests/support/openid-provider.mjs in a child process (oidc-provider is ESM only), on `port`, with a public
 * client whose redirect URIs are the web app's at `webOrigin`; resolves once it listens.
 */
export async function startOpenIdProvider(opts: {
  port: number;
  webOrigin: string;
  audience: string;
  clientId: string;
  /** More people the provider knows, by the login typed into its form, each with their claims. */
  people?: Record<string, Record<string, string>>;
}): Promise<TestOpenIdProvider> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, '../../support/openid-provider.mjs')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        OP_PORT: String(opts.port),
        OP_WEB_ORIGIN: opts.webOrigin,
        OP_AUDIENCE: opts.audience,
        OP_CLIENT_ID: opts.clientId,
        OP_PEOPLE: JSON.stringify(opts.people ?? {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the OpenID Provider did not start: ${stderr.join('')}`)),
      30_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID Provider exited with ${code}: ${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  return {
    issuer,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
