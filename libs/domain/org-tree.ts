import { z } from 'zod';
import type { FieldProblem } from './errors';
import { periodProblem } from './role-grants';
import { isoDate } from './schema-parts';

/**
 * The organisation's tree: divisions (förvaltning / område) with their units (enhet), two levels deep. The rules
 * here are the ones both paths that change the tree ask, the organisation import (by code, per spreadsheet row) and
 * the admin page (by id, one unit at a time), so a tree the one accepts the other accepts too.
 */

export const ORG_LEVELS = ['division', 'unit'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** A unit code: letters, digits and - _ . / (what the region's systems use), at most 64. */
export const UNIT_CODE = /^[\p{L}\p{N}_.\-/]{1,64}$/u;

/** A node of the tree; `key` is whatever names units on the path asking (a code in the import, an id here). */
export interface TreeNode {
  key: string;
  parentKey: string | null;
  level: OrgLevel;
  validFrom: string | null;
  validTo: string | null;
}

/** A division stands alone; a unit belongs to one. `needed` names what the unit lacks (the import asks a code). */
export function parentPresenceProblem(
  level: OrgLevel,
  hasParent: boolean,
  needed = 'its division',
): string | undefined {
  if (level === 'division' && hasParent) return 'a division has no parent';
  if (level === 'unit' && !hasParent) return `a unit needs ${needed}`;
  return undefined;
}

/**
 * The parent must be a division; `parentLevel` undefined: no such unit. `label` is how the message names it,
 * `searched` where it was looked for.
 */
export function parentLevelProblem(
  parentLevel: OrgLevel | undefined,
  label: string,
  searched = 'the organisation',
): string | undefined {
  if (!parentLevel) return `${label} is no unit in ${searched}`;
  if (parentLevel !== 'division') return `${label} is a unit, not a division`;
  return undefined;
}

/**
 * The cycle through `key` when following parents comes back to it (the keys in order, `key` first and last);
 * undefined when the path ends. `limit` bounds the walk (the size of the tree), so a cycle elsewhere ends it too.
 */
export function cycleThrough(
  key: string,
  parentOf: (key: string) => string | null | undefined,
  limit: number,
): string[] | undefined {
  const path = [key];
  for (let at = parentOf(key); at; at = parentOf(at)) {
    if (at === key) return [...path, at];
    if (path.includes(at) || path.length > limit) return undefined;
    path.push(at);
  }
  return undefined;
}

/** Open on `date` (YYYY-MM-DD): on or after its first day and not after its last. */
export const openOn = (n: Pick<TreeNode, 'validFrom' | 'validTo'>, date: string): boolean =>
  (n.validFrom === null || n.validFrom <= date) && (n.validTo === null || n.validTo >= date);

/** Closed by `date`: its last day has passed. A unit not yet open is not closed. */
export const closedOn = (n: Pick<TreeNode, 'validTo'>, date: string): boolean =>
  n.validTo !== null && n.validTo < date;

/** The units of `divisionKey` still open after `lastDay` (null: open-ended), which would outlive their division. */
export function unitsOutliving<N extends TreeNode>(
  tree: N[],
  divisionKey: string,
  lastDay: string | null,
): N[] {
  if (lastDay === null) return [];
  return tree.filter(
    (n) => n.parentKey === divisionKey && n.level === 'unit' && (n.validTo === null || n.validTo > lastDay),
  );
}

// ---- The admin API's inputs ----

const kronor = z
  .number({ invalid_type_error: 'must be a whole number of kronor' })
  .int('must be a whole number of kronor')
  .min(0, 'must not be negative')
  .max(999_999_999_999_999, 'is too large');
const date = isoDate.nullable();

export const newOrgUnitSchema = z
  .object({
    code: z.string().trim().regex(UNIT_CODE, 'must be 1–64 letters, digits or - _ . /'),
    name: z.string().trim().min(1, 'is required').max(200),
    level: z.enum(ORG_LEVELS),
    parentId: z.string().uuid('must be the id of a division').nullable().default(null),
    budgetSek: kronor.nullable().default(null),
    staffCostSek: kronor.nullable().default(null),
    validFrom: date.default(null),
    validTo: date.default(null),
  })
  .strict();
export type NewOrgUnit = z.output<typeof newOrgUnitSchema>;

/** What a change may touch: not the code (the import's key) and not the level (a division's units hang on it). */
export const orgUnitChangeSchema = newOrgUnitSchema
  .omit({ code: true, level: true })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'names nothing to change' });
export type OrgUnitChange = z.output<typeof orgUnitChangeSchema>;

export const closeOrgUnitSchema = z.object({ validTo: isoDate }).strict();

/** A unit as the admin rules see it: the tree node with its code. */
export interface AdminUnit extends TreeNode {
  code: string;
}

/**
 * The problems of `unit` (created or changed) in `tree` (the organisation as it is, `unit`'s old self included or
 * not): field names are the API's (`parentId`, `code`, `validTo`).
 */
export function unitProblems(tree: AdminUnit[], unit: AdminUnit): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const others = tree.filter((n) => n.key !== unit.key);
  if (others.some((n) => n.code === unit.code))
    problems.push({ field: 'code', message: `"${unit.code}" is already the code of another unit` });
  const presence = parentPresenceProblem(unit.level, unit.parentKey !== null);
  if (presence) problems.push({ field: 'parentId', message: presence });
  else if (unit.parentKey !== null) {
    const byKey = new Map([...others, unit].map((n) => [n.key, n]));
    const cycle = cycleThrough(unit.key, (k) => byKey.get(k)?.parentKey, byKey.size);
    if (cycle) problems.push({ field: 'parentId', message: 'would make the unit its own parent' });
    else {
      const parent = byKey.get(unit.parentKey);
      const level = parentLevelProblem(parent?.level, 'the parent');
      if (level) problems.push({ field: 'parentId', message: level });
      else if (parent?.validTo && (unit.validTo === null || unit.validTo > parent.validTo))
        problems.push({
          field: 'validTo',
          message: `must be on or before ${parent.validTo}, when the division closes`,
        });
    }
  }
  const period = periodProblem(unit);
  if (period) problems.push({ field: 'validTo', message: period });
  if (unit.level === 'division') {
    const outliving = unitsOutliving(others, unit.key, unit.validTo);
    if (outliving.length)
      problems.push({
        field: 'validTo',
        message: `the division has units open after ${unit.validTo}: ${outliving.map((n) => n.code).join(', ')}; close them first`,
      });
  }
  return problems;
}

/**
 * A change of `before` to `after`. A new last day must not be in the past (a back-dated close would rewrite what was
 * open when requests were made); clearing it or moving it later reopens the unit, as a file without the end date
 * would through the import.
 */
export function changeProblems(
  tree: AdminUnit[],
  before: AdminUnit,
  after: AdminUnit,
  today: string,
): FieldProblem[] {
  const problems = unitProblems(tree, after);
  if (after.validTo !== before.validTo && after.validTo !== null && after.validTo < today)
    problems.push({ field: 'validTo', message: `is before today (${today})` });
  return problems;
}

/**
 * Closing `unit` on `validTo` (its last open day). Not before today: a day already past has had its requests, and
 * a close back-dated under them would rewrite what was open when they were made; closing today means the unit takes
 * none from tomorrow. A unit already closed keeps its day (reopening or moving the day is a change, not a close).
 */
export function closeProblems(
  tree: AdminUnit[],
  unit: AdminUnit,
  validTo: string,
  today: string,
): FieldProblem[] {
  if (closedOn(unit, today))
    return [{ field: 'validTo', message: `the unit is already closed (last day ${unit.validTo})` }];
  if (validTo < today) return [{ field: 'validTo', message: `is before today (${today})` }];
  return unitProblems(tree, { ...unit, validTo });
}
