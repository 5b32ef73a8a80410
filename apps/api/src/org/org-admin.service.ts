import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AdminOrgUnit, AdminOrgUnitPage } from '@contracts/org-admin';
import type { PageParams } from '@contracts/paging';
import {
  type AuditEntry,
  type ImportUnitRow,
  OrgImportRepository,
} from '@db/repositories/org-import.repository';
import { OrgUnitsRepository, type OrgUnitStatus } from '@db/repositories/org-units.repository';
import { DomainError, type FieldProblem } from '@domain/errors';
import type { UnitSnapshot } from '@domain/org-import';
import {
  type AdminUnit,
  changeProblems,
  closeProblems,
  type NewOrgUnit,
  type OrgUnitChange,
} from '@domain/org-tree';
import { pageFromRows } from '../common/paging';
import { DATA_SOURCE } from '../tokens';

/** The key a unit not yet created has in the tree its checks see. */
const NEW = '(new)';

/** The organisation as one write sees it, read under the lock. */
interface Tree {
  today: string;
  rows: ImportUnitRow[];
  nodes: AdminUnit[];
}

type Values = Omit<UnitSnapshot, 'parentCode'>;

/**
 * Divisions and units changed by hand. Each write holds the organisation locked (against the import and other
 * admins), checks the change against the tree as it is with the rules of libs/domain/org-tree (which the import
 * asks too), and writes the row with its admin_audit_log entry in one transaction. The entry has the import's own
 * shape, a UnitSnapshot before and after, so the log reads alike whichever path changed a unit.
 */
@Injectable()
export class OrgAdminService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(filter: { q?: string; status: OrgUnitStatus }, at: PageParams): Promise<AdminOrgUnitPage> {
    return pageFromRows(await new OrgUnitsRepository(this.dataSource).adminPage(filter, at), at);
  }

  create(input: NewOrgUnit, actorId: string): Promise<AdminOrgUnit> {
    return this.write(actorId, async (imports, tree) => {
      const node: AdminUnit = { ...input, key: NEW, parentKey: input.parentId };
      // Checked as a change from an open-ended unit: one is not created already closed.
      refuseOn(changeProblems(tree.nodes, { ...node, validTo: null }, node, tree.today));
      const ids = await imports.insertUnits([input]);
      const id = ids.get(input.code)!;
      const after = snapshotOf(input, input.parentId, tree);
      return { id, entry: { entity: 'org_unit', entityId: id, action: 'create', before: null, after } };
    });
  }

  change(id: string, change: OrgUnitChange, actorId: string): Promise<AdminOrgUnit> {
    return this.write(actorId, async (imports, tree) => {
      const { row, node } = existing(tree, id);
      const parentId = change.parentId !== undefined ? change.parentId : node.parentKey;
      const values: Values = { ...valuesOf(row), ...withoutParent(change) };
      const after: AdminUnit = { ...node, ...values, parentKey: parentId };
      refuseOn(changeProblems(tree.nodes, node, after, tree.today));
      return applyChange(imports, tree, row, values, parentId, 'change');
    });
  }

  close(id: string, validTo: string, actorId: string): Promise<AdminOrgUnit> {
    return this.write(actorId, async (imports, tree) => {
      const { row, node } = existing(tree, id);
      refuseOn(closeProblems(tree.nodes, node, validTo, tree.today));
      return applyChange(imports, tree, row, { ...valuesOf(row), validTo }, node.parentKey, 'close');
    });
  }

  /** Lock, read the tree, let `step` check and write, audit what it answers and read the row back: one transaction. */
  private write(
    actorId: string,
    step: (imports: OrgImportRepository, tree: Tree) => Promise<{ id: string; entry: AuditEntry | null }>,
  ): Promise<AdminOrgUnit> {
    return this.dataSource.transaction(async (manager) => {
      const units = new OrgUnitsRepository(manager);
      const imports = new OrgImportRepository(manager);
      await units.lockForWriting();
      const rows = await imports.units();
      const idOf = new Map(rows.map((u) => [u.code, u.id]));
      const nodes = rows.map((u): AdminUnit => ({
        key: u.id,
        code: u.code,
        parentKey: u.parentCode ? idOf.get(u.parentCode)! : null,
        level: u.level,
        validFrom: u.validFrom,
        validTo: u.validTo,
      }));
      const { id, entry } = await step(imports, { today: await imports.today(), rows, nodes });
      if (entry) await imports.audit(actorId, [entry]);
      return (await units.adminById(id))!;
    });
  }
}

function existing(tree: Tree, id: string) {
  const row = tree.rows.find((u) => u.id === id);
  const node = tree.nodes.find((n) => n.key === id);
  if (!row || !node) throw new DomainError('not_found', `No division or unit ${id}`);
  return { row, node };
}

const valuesOf = ({ id: _id, parentCode: _p, ...values }: ImportUnitRow): Values => values;
const withoutParent = ({ parentId: _p, ...rest }: OrgUnitChange) => rest;

/** The import's snapshot of a unit (libs/domain/org-import), its parent by code, keys in the import's order. */
function snapshotOf(v: Values, parentId: string | null, tree: Tree): UnitSnapshot {
  return {
    code: v.code,
    parentCode: parentId ? (tree.rows.find((u) => u.id === parentId)?.code ?? null) : null,
    name: v.name,
    level: v.level,
    budgetSek: v.budgetSek,
    staffCostSek: v.staffCostSek,
    validFrom: v.validFrom,
    validTo: v.validTo,
  };
}

/** Writes a checked change; a change that changes nothing writes nothing and leaves no audit row. */
async function applyChange(
  imports: OrgImportRepository,
  tree: Tree,
  row: ImportUnitRow,
  values: Values,
  parentId: string | null,
  action: 'change' | 'close',
): Promise<{ id: string; entry: AuditEntry | null }> {
  const before = snapshotOf(valuesOf(row), tree.nodes.find((n) => n.key === row.id)!.parentKey, tree);
  const after = snapshotOf(values, parentId, tree);
  if ((Object.keys(before) as (keyof UnitSnapshot)[]).every((k) => before[k] === after[k]))
    return { id: row.id, entry: null };
  await imports.updateUnit(row.id, { ...values, parentId });
  return { id: row.id, entry: { entity: 'org_unit', entityId: row.id, action, before, after } };
}

function refuseOn(problems: FieldProblem[]): void {
  if (problems.length)
    throw new DomainError('unprocessable', 'The change does not fit the organisation', problems);
}
