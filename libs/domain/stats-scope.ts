import type { RoleGrant } from './decision-rules';
import type { Role } from './enums';

/** The roles that read statistics: the deciding managers, the HR lead and the follow-up role (domain.md, Roles). */
export const STATISTICS_ROLES = [
  'director',
  'executive',
  'hr_lead',
  'follow_up',
] as const satisfies readonly Role[];

/**
 * Which divisions' statistics a user's grants show: `'region'` for all of them, else the division ids (empty:
 * none). The executive sees the region whatever its grant says; a director their own division; the HR lead and
 * the follow-up role (steering group, regiondirektör, finance) their grant's scope, the region when it has none.
 * Statistics are cut by division, so a scope counts as a division: a grant over a single unit shows none (grant
 * these roles over a division or the region).
 */
export function statisticsScope(grants: readonly RoleGrant[]): 'region' | string[] {
  if (grants.some((g) => g.role === 'executive')) return 'region';
  if (grants.some((g) => (g.role === 'hr_lead' || g.role === 'follow_up') && g.scopeUnitId === null))
    return 'region';
  const ids = grants
    .filter((g) => (STATISTICS_ROLES as readonly Role[]).includes(g.role) && g.scopeUnitId !== null)
    .map((g) => g.scopeUnitId!);
  return [...new Set(ids)];
}
