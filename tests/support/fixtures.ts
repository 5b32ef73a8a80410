import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedDemoOrganisation } from '@local/demo-organisation';
import type { Actor, RoleGrant } from '@domain/decision-rules';
import type { ReviewInput } from '@workflows/types';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';

export interface DemoFixture {
  unitIds: Map<string, string>;
  userId(username: string): string;
  actor(username: string): Actor;
  /** A demo user as the API's signed-in user, for calling the services directly. */
  currentUser(username: string): CurrentUser;
}

/** The demo organisation of domain.md, seeded into a test database, with lookups by code and username. */
export async function demoFixture(dataSource: DataSource): Promise<DemoFixture> {
  await seedDemoOrganisation(dataSource);
  const units: { id: string; code: string }[] = await dataSource.query(`SELECT id, code FROM org_units`);
  const grants: {
    username: string;
    user_id: string;
    role: RoleGrant['role'];
    scope_unit_id: string | null;
  }[] = await dataSource.query(
    `SELECT u.username, u.id AS user_id, r.role, r.scope_unit_id FROM users u JOIN role_assignments r ON r.user_id = u.id`,
  );
  const userId = (username: string) => {
    const row = grants.find((g) => g.username === username);
    if (!row) throw new Error(`no demo user ${username}`);
    return row.user_id;
  };
  const grantsOf = (username: string) =>
    grants
      .filter((g) => g.username === username)
      .map((g) => ({ role: g.role, scopeUnitId: g.scope_unit_id }));
  return {
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    userId,
    actor: (username) => ({ userId: userId(username), grants: grantsOf(username) }),
    currentUser: (username) => ({
      id: userId(username),
      username,
      displayName: username,
      grants: grantsOf(username),
    }),
  };
}

/** A request row by chef.akuten at Akutmottagningen, as the API would have recorded it, and its workflow input. */
export async function insertRequest(
  dataSource: DataSource,
  demo: DemoFixture,
  overrides: Partial<ReviewInput> = {},
): Promise<ReviewInput> {
  const input: ReviewInput = {
    requestId: randomUUID(),
    policyVersion: 1,
    kind: 'hire',
    requesterId: demo.userId('chef.akuten'),
    unitId: demo.unitIds.get('SOM-AKUT')!,
    divisionId: demo.unitIds.get('SOM')!,
    newPermanentPosition: false,
    urgent: false,
    ...overrides,
  };
  await dataSource.query(
    `INSERT INTO requests (id, kind, unit_id, division_id, requester_id, occupational_category, payload, cost_sek, status,
                           policy_version, submitted_at)
     VALUES ($1, $2, $3, $4, $5, 'nurse', '{}'::jsonb, 52000, 'in_review', 1, now())`,
    [input.requestId, input.kind, input.unitId, input.divisionId, input.requesterId],
  );
  return input;
}
