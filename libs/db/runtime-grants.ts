import type { DataSource } from 'typeorm';

/**
 * What the runtime role (the API's and the worker's DATABASE_URL user) may do in a schema it does not own. The
 * migration role owns every table, so only it can ALTER, DROP or disable a trigger; the runtime role gets rows.
 *
 * One list, re-applied after every migration run: a table a later migration adds gets its grants on the next
 * start without anyone remembering to write them (tests/integration/database-roles.test.ts checks that).
 */
export const RUNTIME_GRANTS = {
  /** Every table not named below. */
  tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  /** The audit trails are evidence: read and append only (audit_events' trigger refuses UPDATE/DELETE/TRUNCATE too). */
  appendOnly: { tables: ['audit_events', 'admin_audit_log'], privileges: ['SELECT', 'INSERT'] },
  /** TypeORM's record of applied migrations: the runtime may read it, never forge or erase an entry. */
  readOnly: { tables: ['migrations'], privileges: ['SELECT'] },
  /** nextval() for BIGSERIAL ids (audit_events.id). */
  sequences: ['USAGE'],
} as const;

/** A role name as PostgreSQL quotes it: the name comes from configuration, never from a request. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The statements, in order, that bring the runtime role's privileges to exactly RUNTIME_GRANTS. They start from
 * REVOKE ALL so a privilege given by hand, or by an older list, does not survive a re-grant.
 */
export function runtimeGrantStatements(role: string, schema = 'public'): string[] {
  const r = ident(role);
  const s = ident(schema);
  const special = [...RUNTIME_GRANTS.appendOnly.tables, ...RUNTIME_GRANTS.readOnly.tables];
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${r}`,
    // PostgreSQL before 15 grants CREATE on public to PUBLIC; the owner takes that away from everyone but itself.
    `REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT ${RUNTIME_GRANTS.tables.join(', ')} ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    ...special.map((t) => `REVOKE ALL ON ${s}.${ident(t)} FROM ${r}`),
    ...RUNTIME_GRANTS.appendOnly.tables.map(
      (t) => `GRANT ${RUNTIME_GRANTS.appendOnly.privileges.join(', ')} ON ${s}.${ident(t)} TO ${r}`,
    ),
    ...RUNTIME_GRANTS.readOnly.tables.map(
      (t) => `GRANT ${RUNTIME_GRANTS.readOnly.privileges.join(', ')} ON ${s}.${ident(t)} TO ${r}`,
    ),
    `GRANT ${RUNTIME_GRANTS.sequences.join(', ')} ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
  ];
}

/**
 * Run by the migration role right after migrating. Returns false, having done nothing, when the runtime role is
 * the role that migrated (one role for everything, as in the embedded local mode): there is nobody to grant to.
 */
export async function grantRuntimeAccess(dataSource: DataSource, role: string): Promise<boolean> {
  const [{ current }] = (await dataSource.query(`SELECT current_user AS current`)) as { current: string }[];
  if (current === role) return false;
  // One transaction: a runtime connection never sees the moment between REVOKE ALL and the GRANTs.
  await dataSource.transaction(async (tx) => {
    for (const statement of runtimeGrantStatements(role)) await tx.query(statement);
  });
  return true;
}

/** The runtime role: DATABASE_RUNTIME_ROLE when given, else the user named in DATABASE_URL. */
export function runtimeRoleOf(databaseUrl: string, explicit?: string): string {
  const role = explicit ?? decodeURIComponent(new URL(databaseUrl).username);
  if (!role) throw new Error('DATABASE_URL names no user: set DATABASE_RUNTIME_ROLE to the role to grant to');
  return role;
}
