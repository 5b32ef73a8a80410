import type { RunningPostgres } from '../../local/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __provningClusterPg?: RunningPostgres }).__provningClusterPg?.stop();
}
