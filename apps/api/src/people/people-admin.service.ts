import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { PageParams } from '@contracts/paging';
import {
  type AdminPerson,
  type AdminPersonPage,
  endRoleAssignmentSchema,
  newPersonSchema,
  newRoleAssignmentSchema,
  type PeopleQuery,
  personPatchSchema,
} from '@contracts/people-admin';
import { DomainError, type FieldProblem } from '@domain/errors';
import { personSnapshot } from '@domain/person-snapshot';
import { deactivationProblems, endGrantPlan, newGrantProblems } from '@domain/role-grants';
import { type AuditEntry, OrgImportRepository } from '@db/repositories/org-import.repository';
import { type AdminPersonRow, PeopleAdminRepository } from '@db/repositories/people-admin.repository';
import { pageFromRows } from '../common/paging';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import { LeaversService } from '../leavers/leavers.service';

const notFound = () => new DomainError('not_found', 'No person with this id');
const unprocessable = (fields: FieldProblem[]) =>
  new DomainError('unprocessable', fields.map((f) => `${f.field} ${f.message}`).join('; '), fields);

function toPerson(row: AdminPersonRow): AdminPerson {
  const { externalIssuer, externalSubject, ...rest } = row;
  return {
    ...rest,
    identity: externalIssuer && externalSubject ? { issuer: externalIssuer, subject: externalSubject } : null,
  };
}

/** A unique index refused a username or employee id another user took in the meantime: a 409 naming it. */
function asConflict(e: unknown): never {
  const driver = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (driver?.code === '23505') {
    const field = driver.constraint?.includes('employee') ? 'employeeId' : 'username';
    throw new DomainError('conflict', `${field} is already another user's`, [
      { field, message: "is already another user's" },
    ]);
  }
  throw e;
}

/**
 * People and their role assignments as the admin keeps them. Every write runs in one transaction with its
 * admin_audit_log row (the person before and after, in the import's snapshot shape), holding the person's row so
 * two admins take turns.
 */
@Injectable()
export class PeopleAdminService {
  private readonly logger = new Logger('PeopleAdminService');

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly leavers: LeaversService,
  ) {}

  async list(q: PeopleQuery): Promise<AdminPersonPage> {
    const { page, pageSize, linked, ...filter } = q;
    const at: PageParams = { page, pageSize };
    const rows = await new PeopleAdminRepository(this.dataSource).page({
      ...filter,
      linked: linked === undefined ? undefined : linked === 'true',
      ...at,
    });
    return pageFromRows(
      rows.map((r) => ({ ...toPerson(r), __total: r.__total })),
      at,
    );
  }

  async get(id: string): Promise<AdminPerson> {
    const row = await new PeopleAdminRepository(this.dataSource).byId(id);
    if (!row) throw notFound();
    return toPerson(row);
  }

  async create(body: unknown, actorId: string): Promise<AdminPerson> {
    const input = parseBody(newPersonSchema, body);
    const username = input.username ?? input.employeeId;
    const created = await this.write(null, actorId, async (repo) => {
      await this.refuseTaken(repo, { username, employeeId: input.employeeId }, null);
      const id = await repo
        .insertUser({
          username,
          displayName: input.displayName,
          email: input.email ?? null,
          employeeId: input.employeeId,
        })
        .catch(asConflict);
      return { id, action: 'create' };
    });
    return created.person;
  }

  async update(id: string, body: unknown, actorId: string): Promise<AdminPerson> {
    const patch = parseBody(personPatchSchema, body);
    const problems = deactivationProblems(id, actorId, patch.active);
    if (problems.length) throw unprocessable(problems);
    const result = await this.write(id, actorId, async (repo, before) => {
      if (patch.employeeId) await this.refuseTaken(repo, { employeeId: patch.employeeId }, id);
      await repo
        .updateUser(id, {
          displayName: patch.displayName,
          email: patch.email,
          employeeId: patch.employeeId,
          active: patch.active,
          unlink: patch.identity === null,
        })
        .catch(asConflict);
      const action =
        patch.active === false && before!.active
          ? 'deactivate'
          : patch.active === true && !before!.active
            ? 'reactivate'
            : patch.identity === null && before!.externalSubject && Object.keys(patch).length === 1
              ? 'unlink'
              : 'change';
      return { id, action };
    });
    if (result.deactivated) await this.afterPeopleChanged(actorId);
    return result.person;
  }

  async addRole(userId: string, body: unknown, actorId: string): Promise<AdminPerson> {
    const input = parseBody(newRoleAssignmentSchema, body);
    return (
      await this.write(userId, actorId, async (repo, before, today) => {
        const grant = {
          role: input.role,
          scopeUnitId: input.scopeUnitId,
          validFrom: input.validFrom ?? today,
          validTo: input.validTo ?? null,
        };
        const scope = grant.scopeUnitId === null ? null : await repo.unit(grant.scopeUnitId);
        const problems = newGrantProblems(grant, {
          scope,
          existing: before!.roles.map((r) => ({ ...r })),
          today,
        });
        if (problems.length) throw unprocessable(problems);
        await repo.insertGrant({ userId, ...grant });
        return { id: userId, action: 'grant' };
      })
    ).person;
  }

  async endRole(userId: string, assignmentId: string, body: unknown, actorId: string): Promise<AdminPerson> {
    const input = parseBody(endRoleAssignmentSchema, body);
    const result = await this.write(userId, actorId, async (repo, before, today) => {
      const grant = before!.roles.find((r) => r.id === assignmentId);
      if (!grant) throw new DomainError('not_found', 'This person has no role assignment with this id');
      const plan = endGrantPlan({ ...grant, userId }, { actorId, today, validTo: input.validTo });
      if (plan.problems.length) throw unprocessable(plan.problems);
      if (plan.action === 'remove') await repo.removeGrant(assignmentId);
      else await repo.setGrantEnd(assignmentId, plan.validTo!);
      return { id: userId, action: 'end' };
    });
    await this.afterPeopleChanged(actorId);
    return result.person;
  }

  /**
   * One write: locks the person (when there is one), hands `change` the person as they were and today's Stockholm
   * date, then records the person before and after in admin_audit_log, all in one transaction.
   */
  private async write(
    userId: string | null,
    actorId: string,
    change: (
      repo: PeopleAdminRepository,
      before: AdminPersonRow | undefined,
      today: string,
    ) => Promise<{ id: string; action: AuditEntry['action'] }>,
  ): Promise<{ person: AdminPerson; deactivated: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const repo = new PeopleAdminRepository(manager);
      const audit = new OrgImportRepository(manager);
      const today = await audit.today();
      let before: AdminPersonRow | undefined;
      if (userId !== null) {
        if (!(await repo.lockPerson(userId))) throw notFound();
        before = await repo.byId(userId);
      }
      const { id, action } = await change(repo, before, today);
      const after = (await repo.byId(id))!;
      await audit.audit(actorId, [
        {
          entity: 'user',
          entityId: id,
          action,
          before: before ? personSnapshot(before, today) : null,
          after: personSnapshot(after, today),
        },
      ]);
      return { person: toPerson(after), deactivated: action === 'deactivate' };
    });
  }

  private async refuseTaken(
    repo: PeopleAdminRepository,
    v: { username?: string; employeeId?: string },
    exceptId: string | null,
  ): Promise<void> {
    const taken = await repo.taken(v, exceptId);
    const fields = (['username', 'employeeId'] as const)
      .filter((f) => v[f] !== undefined && taken[f])
      .map((field) => ({ field, message: "is already another user's" }));
    if (fields.length)
      throw new DomainError('conflict', fields.map((f) => `${f.field} ${f.message}`).join('; '), fields);
  }

  /**
   * After a deactivation or a role end committed, their open work is handed on (LeaversService.settle). A failure
   * there does not undo the change, which is committed and audited: the hourly settle picks the work up.
   */
  private async afterPeopleChanged(actorId: string): Promise<void> {
    await this.leavers
      .settle(actorId)
      .catch((e: unknown) => this.logger.warn(`settle after a change failed: ${String(e)}`));
  }
}
