import type { RequestRow } from '@db/repositories/requests.repository';
import type { ReviewState } from '@workflows/types';
import type { RequestSummary, Submission } from '@contracts/requests';
import { formatCaseNumber } from '@domain/case-number';
import { requestTitles } from '@domain/request-title';

/** A request as every answer describes it. */
export function summaryOf(row: RequestRow): Omit<RequestSummary, 'currentStage'> {
  return {
    id: row.id,
    caseNumber: formatCaseNumber({ year: row.caseYear, seq: row.caseSeq }),
    ...requestTitles(row.payload),
    kind: row.kind,
    status: row.status,
    statusReason: row.statusReason,
    reviewRequired: row.policyVersion !== null,
    periodId: row.periodId,
    exemptionId: row.exemptionId,
    policyVersion: row.policyVersion,
    unitId: row.unitId,
    divisionId: row.divisionId,
    requesterId: row.requesterId,
    occupationalCategory: row.occupationalCategory,
    costSek: row.costSek,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    validUntil: row.validUntil,
  };
}

/** The answer to a submission: the status the review gave it, and its open stage. */
export function submissionAnswerOf(row: RequestRow, state: ReviewState | undefined): Submission {
  const stage = state?.currentStage;
  return {
    id: row.id,
    caseNumber: formatCaseNumber({ year: row.caseYear, seq: row.caseSeq }),
    status: state?.status ?? row.status,
    reviewRequired: row.policyVersion !== null,
    periodId: row.periodId,
    exemptionId: row.exemptionId,
    currentStage: stage ? { name: stage.name, dueAt: stage.dueAt, assignees: stage.assignees } : null,
  };
}
