import { subject } from '@casl/ability';
import type { RequestRow } from '@db/repositories/requests.repository';
import { DomainError } from '@domain/errors';
import { abilityFor } from '../auth/abilities';
import type { CurrentUser } from '../auth/current-user';

/**
 * Who may act on a request, beyond what the repository lets them see (visibility is a SQL condition there) and
 * what the workflow's validator decides for a stage.
 */
export function assertMaySubmit(user: CurrentUser, unit: { id: string; divisionId: string }): void {
  if (
    !abilityFor(user.grants).can(
      'submit',
      subject('Request', { unitId: unit.id, divisionId: unit.divisionId }),
    )
  ) {
    throw new DomainError('not_allowed', 'You may submit requests only for your own units');
  }
}

/** Segregation of duties: nobody decides on a request they submitted. */
export function assertNotRequester(row: RequestRow, user: CurrentUser): void {
  if (row.requesterId === user.id)
    throw new DomainError('not_allowed', 'Nobody may decide on a request they submitted');
}

/** Resubmitting and withdrawing are the requester's own. */
export function assertIsRequester(row: RequestRow, user: CurrentUser, action: 'resubmit' | 'withdraw'): void {
  if (row.requesterId !== user.id) throw new DomainError('not_allowed', `Only the requester may ${action}`);
}
