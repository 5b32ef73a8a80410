import type { DataSource, EntityManager } from 'typeorm';
import { DelegationsRepository } from '@db/repositories/delegations.repository';
import {
  type ImportFile,
  type ImportPlan,
  type ImportProblem,
  type Organisation,
  type PersonSnapshot,
  planOrganisationImport,
  roleChanges,
  type UnitSnapshot,
} from '@domain/org-import';
import {
  type AuditEntry,
  type ImportPersonRow,
  type ImportUnitRow,
  OrgImportRepository,
  type UnitValues,
} from '@db/repositories/org-import.repository';

export interface ImportOutcome {
  problems: ImportProblem[];
  /** Null when the file has problems: then nothing was applied. */
  plan: ImportPlan | null;
  applied: boolean;
  rows: { units: number; people: number };
}

export interface ImportOptions {
  apply: boolean;
  /** The admin who imports; null from the command line. */
  actorId: string | null;
  /**
   * Called after the import committed, with the users it deactivated. The API does not use it: it settles leavers
   * after every applied import (LeaversService.settle), since an import also ends roles of people it keeps.
   */
  onPeopleDeactivated?: (userIds: string[]) => Promise<void>;
}

function organisationOf(units: ImportUnitRow[], people: ImportPersonRow[]): Organisation {
  return {
    units: units.map(({ id: _id, ...u }) => u),
    people: people.map(({ userId: _u, roles, ...p }) => ({
      ...p,
      roles: roles.map(({ assignmentId: _a, ...g }) => g),
    })),
  };
}

/**
 * Reads the organisation, plans the file against it and, when asked and the file has no problems, applies the plan
 * in one transaction that holds the organisation locked from the read to the commit, writing an admin_audit_log
 * row per unit or person it touches. A dry run reads without locking and writes nothing.
 */
export async function importOrganisation(
  dataSource: DataSource,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  if (!options.apply) {
    const repo = new OrgImportRepository(dataSource);
    const current = organisationOf(await repo.units(), await repo.people());
    const planned = await withUsernameClashes(
      repo,
      file,
      planOrganisationImport(file, current, await repo.today()),
    );
    return { ...planned, applied: false };
  }
  const { outcome, deactivated } = await dataSource.transaction(async (manager) => {
    const repo = new OrgImportRepository(manager);
    await repo.lock();
    const [units, people, today] = [await repo.units(), await repo.people(), await repo.today()];
    const { problems, plan, rows } = await withUsernameClashes(
      repo,
      file,
      planOrganisationImport(file, organisationOf(units, people), today),
    );
    if (!plan) return { outcome: { problems, plan, applied: false, rows }, deactivated: [] };
    const deactivated = await applyPlan(repo, plan, { units, people, today, actorId: options.actorId });
    await endDelegationsOf(manager, repo, deactivated, options.actorId);
    return { outcome: { problems, plan, applied: true, rows }, deactivated };
  });
  if (deactivated.length && options.onPeopleDeactivated) await options.onPeopleDeactivated(deactivated);
  return outcome;
}

/**
 * A new person's username is their id; one that another user (a hand-made or demo user without an employee id)
 * already has is a problem of the file, not a failed insert.
 */
async function withUsernameClashes(
  repo: OrgImportRepository,
  file: ImportFile,
  planned: ReturnType<typeof planOrganisationImport>,
): Promise<ReturnType<typeof planOrganisationImport>> {
  if (!planned.plan) return planned;
  const taken = await repo.takenUsernames(
    planned.plan.create.filter((i) => i.entity === 'person').map((i) => i.key),
  );
  if (taken.length === 0) return planned;
  const problems = taken.map((id) => ({
    sheet: file.people.name,
    line: 0,
    field: 'id',
    message: `"${id}" is already the username of a user without this employee id; give that user the id or choose another`,
  }));
  return { ...planned, problems, plan: null };
}

/** A leaver's delegations, from and to them, end with the import that deactivates them, each in the audit log. */
async function endDelegationsOf(
  manager: EntityManager,
  repo: OrgImportRepository,
  userIds: string[],
  actorId: string | null,
): Promise<void> {
  if (userIds.length === 0) return;
  const ended = await new DelegationsRepository(manager).endAllOf(userIds);
  await repo.audit(
    actorId,
    ended.map((d) => ({ entity: 'delegation', entityId: d.id, action: 'end', before: d, after: null })),
  );
}

/** Writes a plan; answers the ids of the users it deactivated. */
async function applyPlan(
  repo: OrgImportRepository,
  plan: ImportPlan,
  at: { units: ImportUnitRow[]; people: ImportPersonRow[]; today: string; actorId: string | null },
): Promise<string[]> {
  const audit: AuditEntry[] = [];
  const unitIds = new Map(at.units.map((u) => [u.code, u.id]));
  const values = (u: UnitSnapshot): UnitValues => {
    const { parentCode, ...rest } = u;
    return { ...rest, parentId: parentCode ? unitIds.get(parentCode)! : null };
  };
  const unitsOf = (items: ImportPlan['create']) =>
    items.flatMap((i) => (i.entity === 'unit' ? [i as Extract<typeof i, { entity: 'unit' }>] : []));
  const peopleOf = (items: ImportPlan['create']) =>
    items.flatMap((i) => (i.entity === 'person' ? [i as Extract<typeof i, { entity: 'person' }>] : []));

  // Divisions, then units, so each unit's parent has its id.
  const created = unitsOf(plan.create);
  for (const level of ['division', 'unit'] as const) {
    const batch = created.filter((i) => i.after.level === level);
    const ids = await repo.insertUnits(batch.map((i) => values(i.after)));
    for (const [code, id] of ids) unitIds.set(code, id);
    for (const i of batch)
      audit.push({
        entity: 'org_unit',
        entityId: ids.get(i.key)!,
        action: 'create',
        before: null,
        after: i.after,
      });
  }
  for (const [items, action] of [
    [unitsOf(plan.change), 'change'],
    [unitsOf(plan.deactivate), 'close'],
  ] as const) {
    for (const i of items) {
      const id = unitIds.get(i.key)!;
      await repo.updateUnit(id, values(i.after));
      audit.push({ entity: 'org_unit', entityId: id, action, before: i.before, after: i.after });
    }
  }

  const newPeople = peopleOf(plan.create);
  const userIds = await repo.insertUsers(
    newPeople.map((i) => ({ employeeId: i.after.id, displayName: i.after.name, email: i.after.email })),
  );
  const grants = newPeople.flatMap((i) =>
    i.after.roles.map((g) => ({
      ...g,
      userId: userIds.get(i.key)!,
      scopeUnitId: g.scopeCode ? unitIds.get(g.scopeCode)! : null,
    })),
  );
  for (const i of newPeople)
    audit.push({
      entity: 'user',
      entityId: userIds.get(i.key)!,
      action: 'create',
      before: null,
      after: i.after,
    });

  const rowsById = new Map(at.people.map((p) => [p.id, p]));
  const toEnd: string[] = [];
  const deactivated: string[] = [];
  for (const [items, action] of [
    [peopleOf(plan.change), 'change'],
    [peopleOf(plan.deactivate), 'deactivate'],
  ] as const) {
    for (const i of items) {
      const row = rowsById.get(i.key)!;
      const before = i.before as PersonSnapshot;
      if (before.name !== i.after.name || before.email !== i.after.email || before.active !== i.after.active)
        await repo.updateUser(row.userId, {
          displayName: i.after.name,
          email: i.after.email,
          active: i.after.active,
        });
      const { add, end } = roleChanges(before.roles, i.after.roles);
      const assignmentOf = (g: (typeof end)[number]) =>
        row.roles.find(
          (r) =>
            r.role === g.role &&
            r.scopeCode === g.scopeCode &&
            r.validFrom === g.validFrom &&
            r.validTo === g.validTo,
        )!;
      for (const g of end) {
        // The same grant from the same day with another end: change that row (the unique index is per start day).
        const same = add.findIndex(
          (a) => a.role === g.role && a.scopeCode === g.scopeCode && a.validFrom === g.validFrom,
        );
        if (same >= 0) await repo.setGrantEnd(assignmentOf(g).assignmentId, add.splice(same, 1)[0].validTo);
        else toEnd.push(assignmentOf(g).assignmentId);
      }
      grants.push(
        ...add.map((g) => ({
          ...g,
          userId: row.userId,
          scopeUnitId: g.scopeCode ? unitIds.get(g.scopeCode)! : null,
        })),
      );
      if (action === 'deactivate') deactivated.push(row.userId);
      audit.push({ entity: 'user', entityId: row.userId, action, before: i.before, after: i.after });
    }
  }
  await repo.endGrants(toEnd, at.today);
  await repo.insertGrants(grants);
  await repo.audit(at.actorId, audit);
  return deactivated;
}
