import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createReviewActivities } from '@activities/review-activities';
import { addToRollups, forRequest, recountRequest } from '@db/statistics/rollups';
import type { Outcome, RequestKind, RequestStatus, StageName } from '@domain/enums';

/**
 * Writes review history at chosen instants through the real recording code: the submission insert with its
 * rollup step (as RequestsService does), then the workflow's activities for stages, escalations, decisions,
 * resubmissions and withdrawals. Statistics tests build known or random histories with it.
 */
export interface SubmitOptions {
  kind: RequestKind;
  unitId: string;
  divisionId: string;
  requesterId: string;
  category: string;
  costSek: number;
  at: string;
  status?: Extract<RequestStatus, 'in_review' | 'exempted' | 'not_required'>;
  /** A call-off's period (inclusive dates), over which its cost accrues. */
  period?: { from: string; to: string };
}

export function historyWriter(dataSource: DataSource) {
  const record = createReviewActivities({ dataSource });
  return {
    async submit(o: SubmitOptions) {
      const id = randomUUID();
      const status = o.status ?? 'in_review';
      await dataSource.transaction(async (db) => {
        await db.query(
          `INSERT INTO requests (id, kind, unit_id, division_id, requester_id, occupational_category, payload, cost_sek,
                                 status, policy_version, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $11::jsonb, $7, $8, $9, $10)`,
          [
            id,
            o.kind,
            o.unitId,
            o.divisionId,
            o.requesterId,
            o.category,
            o.costSek,
            status,
            status === 'in_review' ? 1 : null,
            o.at,
            JSON.stringify(o.period ? { periodFrom: o.period.from, periodTo: o.period.to } : {}),
          ],
        );
        await addToRollups(db, ['submission', 'accrual'], forRequest, [id]);
      });
      return requestHistory(id, o.requesterId);
    },
  };

  function requestHistory(requestId: string, requesterId: string) {
    return {
      id: requestId,
      async open(name: StageName, round: number, at: string, dueAt: string): Promise<string> {
        const { stageId } = await record.openStage({
          requestId,
          divisionId: '',
          name,
          round,
          role: 'hr_reviewer',
          scopeUnitId: null,
          openedAt: at,
          dueAt,
        });
        return stageId;
      },
      async escalate(stageId: string, stageName: StageName, level: number, at: string, dueAt: string) {
        await record.escalateStage({
          requestId,
          divisionId: '',
          stageId,
          stageName,
          level,
          role: 'hr_lead',
          scopeUnitId: null,
          dueAt,
          at,
        });
      },
      async decide(
        stageId: string,
        stageName: StageName,
        outcome: Outcome,
        at: string,
        opts: { actorId: string; status: RequestStatus; final: boolean; approvedCostSek?: number },
      ) {
        await record.recordDecision({
          decisionId: randomUUID(),
          requestId,
          requesterId,
          stageId,
          stageName,
          outcome,
          actorId: opts.actorId,
          status: opts.status,
          final: opts.final,
          approvedCostSek: opts.approvedCostSek,
          decidedAt: at,
        });
      },
      /** As the API's resubmit: changed fields move the request's figures, then the workflow records it. */
      async resubmit(at: string, changes?: { category?: string; costSek?: number }) {
        if (changes) {
          await dataSource.transaction((db) =>
            recountRequest(db, requestId, () =>
              db.query(
                `UPDATE requests SET occupational_category = coalesce($2, occupational_category),
                        cost_sek = coalesce($3, cost_sek) WHERE id = $1`,
                [requestId, changes.category ?? null, changes.costSek ?? null],
              ),
            ),
          );
        }
        await record.recordStatus({
          requestId,
          requesterId,
          status: 'in_review',
          eventKey: `resubmitted:${randomUUID()}`,
          eventType: 'resubmitted',
          at,
        });
      },
      async withdraw(at: string, closeStageId?: string) {
        await record.recordStatus({
          requestId,
          requesterId,
          status: 'withdrawn',
          reason: 'by_requester',
          eventKey: `withdrawn:${requestId}`,
          eventType: 'withdrawn',
          closeStageId,
          at,
        });
      },
    };
  }
}
