import type { RequestRow } from '@db/repositories/requests.repository';
import type { ReviewInput } from '@workflows/types';
import { isNewPermanentPosition } from '@domain/request-input';

/** What the review workflow starts from: the recorded request, for a request under review (policy version set). */
export function reviewInputOf(row: RequestRow & { policyVersion: number }): ReviewInput {
  const p = row.payload;
  return {
    requestId: row.id,
    policyVersion: row.policyVersion,
    kind: row.kind,
    requesterId: row.requesterId,
    unitId: row.unitId,
    divisionId: row.divisionId,
    newPermanentPosition: isNewPermanentPosition(p),
    urgent: p.kind === 'agency_call_off' && p.urgent,
    callOff:
      p.kind === 'agency_call_off'
        ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
        : undefined,
  };
}
