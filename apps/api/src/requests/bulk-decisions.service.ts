import { Injectable, Logger } from '@nestjs/common';
import { DomainError, httpStatusOf } from '@domain/errors';
import {
  bulkDecisionInputSchema,
  type BulkDecisionItemResult,
  type BulkDecisionResult,
} from '@contracts/bulk-decisions';
import type { CurrentUser } from '../auth/current-user';
import { boundedMap } from '../common/bounded-map';
import { parseBody } from '../common/parse-body';
import { ProblemException } from '../common/problem';
import { parseIdempotencyKey, uuidFromKey } from './idempotency';
import { RequestsService } from './requests.service';

/** How many reviews one bulk call updates at once: 50 items must not arrive at Temporal as 50 Updates together. */
export const BULK_CONCURRENCY = 5;

/**
 * Many approvals at one stage in one call. Each request is decided exactly as a single decision is
 * (RequestsService.decideOne: its own Update, validator and vouched claim), so each is atomic on its own and one
 * refusal stops no other; the answer says per request what happened.
 */
@Injectable()
export class BulkDecisionsService {
  private readonly logger = new Logger('BulkDecisions');

  constructor(private readonly requests: RequestsService) {}

  async decide(body: unknown, key: string | undefined, user: CurrentUser): Promise<BulkDecisionResult> {
    const input = parseBody(bulkDecisionInputSchema, body);
    const idemKey = parseIdempotencyKey(key);
    // Required here, optional for one decision: a bulk call cut off half-way is exactly what a client retries.
    if (!idemKey) {
      throw new DomainError('validation_failed', 'A bulk decision needs an Idempotency-Key header', [
        { field: 'Idempotency-Key', message: 'is required' },
      ]);
    }
    const items = await boundedMap(
      input.items,
      BULK_CONCURRENCY,
      async (item): Promise<BulkDecisionItemResult> => {
        // Per request and stage, so a retry with the key names the same decision and the review answers it, not twice.
        const decisionId = uuidFromKey(user.id, item.requestId, 'bulk', item.stage, idemKey);
        try {
          const decision = await this.requests.decideOne(
            item.requestId,
            { outcome: input.outcome, stage: item.stage, comment: input.comment },
            decisionId,
            user,
          );
          return { requestId: item.requestId, result: 'decided', decision };
        } catch (error) {
          return {
            requestId: item.requestId,
            result: 'refused',
            problem: this.refusal(error, item.requestId),
          };
        }
      },
    );
    const decided = items.filter((i) => i.result === 'decided').length;
    return { decided, refused: items.length - decided, items };
  }

  private refusal(
    error: unknown,
    requestId: string,
  ): Extract<BulkDecisionItemResult, { result: 'refused' }>['problem'] {
    if (error instanceof DomainError) {
      return {
        code: error.code,
        status: httpStatusOf(error.code),
        detail: error.message,
        ...(error.fields.length ? { errors: error.fields } : {}),
      };
    }
    if (error instanceof ProblemException && error.problem.status === 503) {
      return {
        code: 'review_engine_unavailable',
        status: 503,
        detail: error.problem.detail ?? error.message,
      };
    }
    // Anything else is ours: logged with its stack, answered without it, and the other requests still decided.
    this.logger.error(`bulk decision on ${requestId} failed`, (error as Error)?.stack ?? String(error));
    return {
      code: 'internal_error',
      status: 500,
      detail: 'Something went wrong on our side; it has been logged',
    };
  }
}
