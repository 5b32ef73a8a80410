import type { RequestRow } from '@db/repositories/requests.repository';
import type { RequestInput } from '@domain/request-input';
import type { ReviewInput, RouteFacts } from '@workflows/types';
import { isNewPermanentPosition } from '@domain/request-input';

/** What a request's route and its approval's validity are planned from, at submission and on resubmission. */
export function routeFactsOf(p: RequestInput): RouteFacts {
  return {
    newPermanentPosition: isNewPermanentPosition(p),
    urgent: p.kind === 'agency_call_off' && p.urgent,
    callOff:
      p.kind === 'agency_call_off'
        ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
        : undefined,
  };
}

/** What the review workflow starts from: the recorded request, for a request under review (policy version set). */
export function reviewInputOf(row: RequestRow & { policyVersion: number }): ReviewInput {
  return {
    requestId: row.id,
    policyVersion: row.policyVersion,
    kind: row.kind,
    requesterId: row.requesterId,
    unitId: row.unitId,
    divisionId: row.divisionId,
    ...routeFactsOf(row.payload),
  };
}
