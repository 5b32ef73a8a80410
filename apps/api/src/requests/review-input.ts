import { createHash } from 'node:crypto';
import type { RequestRow } from '@db/repositories/requests.repository';
import type { RoutingPolicy } from '@domain/policy';
import type { RequestInput } from '@domain/request-input';
import type { ReviewInput, RouteFacts } from '@workflows/types';
import { isNewPermanentPosition } from '@domain/request-input';

/** What a request's route and its approval's validity are planned from, at submission and on resubmission. */
export function routeFactsOf(p: RequestInput): RouteFacts {
  return {
    newPermanentPosition: isNewPermanentPosition(p),
    urgent: p.kind === 'agency_call_off' && p.urgent,
    monthlyCostSek: p.kind === 'hire' ? p.monthlyCostSek : undefined,
    occupationalCategory: p.occupationalCategory,
    callOff:
      p.kind === 'agency_call_off'
        ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
        : undefined,
  };
}

/** Values with their object keys sorted, so equal requests serialise alike whatever order their keys came in. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

/** A digest of the request's fields, for the review to tell whether a resubmission changed what it reviewed. */
export function payloadDigest(p: RequestInput): string {
  return createHash('sha256')
    .update(JSON.stringify(sortedKeys(p)))
    .digest('hex');
}

/**
 * What the review workflow starts from: the recorded request, for a request under review, with the whole route
 * version it was submitted under (the workflow reads no routes from the database).
 */
export function reviewInputOf(row: RequestRow, policy: RoutingPolicy): ReviewInput {
  return {
    requestId: row.id,
    policyVersion: policy.version,
    policy,
    kind: row.kind,
    requesterId: row.requesterId,
    unitId: row.unitId,
    divisionId: row.divisionId,
    ...routeFactsOf(row.payload),
    payloadDigest: payloadDigest(row.payload),
  };
}
