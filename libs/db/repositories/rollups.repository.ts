import { addToRollups, forAuditEvent, forRequest, forStage, recountRequest } from '../statistics/rollups';
import type { Queryable } from './rows';

/**
 * The statistics' rollups, moved on in the transaction that records each event (so they are never behind the
 * record). Each method must run once per event: callers count an event only when their insert happened.
 */
export class RollupsRepository {
  constructor(private readonly db: Queryable) {}

  countSubmission(requestId: string) {
    return addToRollups(this.db, ['submission', 'accrual'], forRequest, [requestId]);
  }

  countStageDecision(stageId: string) {
    return addToRollups(this.db, ['stageDecision'], forStage, [stageId]);
  }

  countEscalation(eventKey: string) {
    return addToRollups(this.db, ['escalation'], forAuditEvent, [eventKey]);
  }

  countFinal(requestId: string) {
    return addToRollups(this.db, ['final', 'accrual'], forRequest, [requestId]);
  }

  /** Runs `change` to the request's recorded fields with every figure it contributed moved along. */
  recount(requestId: string, change: () => Promise<void>) {
    return recountRequest(this.db, requestId, change);
  }
}
