import { validOn } from './period-validity';

/**
 * The SQL condition limiting requests (alias `r`) to what the user may see: requesters their units, HR reviewers
 * and directors their division, HR lead, executive, admin and follow-up their scope (everything when it is the
 * region), by the grants valid today. `$n` is bound to the user's id.
 */
export function visibleRequestsSql(param: string): string {
  return `EXISTS (
    SELECT 1 FROM role_assignments ra
     WHERE ra.user_id = ${param}
       AND (
         (${validOn('ra')} AND (
           (ra.role IN ('hr_lead', 'executive', 'admin', 'follow_up') AND ra.scope_unit_id IS NULL)
           OR (ra.role IN ('hr_lead', 'executive', 'admin', 'follow_up', 'hr_reviewer', 'director')
               AND ra.scope_unit_id IN (r.division_id, r.unit_id))
           OR (ra.role = 'requester' AND (ra.scope_unit_id IS NULL OR ra.scope_unit_id IN (r.unit_id, r.division_id)))))
         OR r.requester_id = ${param}
       ))`;
}
