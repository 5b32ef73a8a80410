import type { RequestStatus } from './enums';
import { isFinal } from './review-state';

/**
 * After a restore, PostgreSQL's record and Temporal's workflows may disagree: the two are separate databases
 * (even in one server a backup is only consistent per database at its own moment), and the review writes the record
 * from the workflow's activities, so either side can be ahead. This classifies each review's difference and says
 * what the reconciler may repair by itself and what needs a person, with the reason. Pure: the operator command
 * (scripts/reconcile.ts) gathers the two sides and applies the repairs.
 */

/** PostgreSQL's side of one review: the request row, its open stages and its decisions in order. */
export interface RecordSide {
  requestId: string;
  status: RequestStatus;
  openStages: string[];
  /** `stage:outcome`, in decision order. */
  decisions: string[];
}

/** Temporal's side: the workflow's execution status and its state (query while running, result when closed). */
export interface WorkflowSide {
  requestId: string;
  /** RUNNING, COMPLETED, FAILED, TERMINATED, … as Temporal names them. */
  execution: string;
  status: RequestStatus;
  currentStage?: string;
  decisions: string[];
}

export type DifferenceKind =
  | 'workflow_missing'
  | 'record_missing'
  | 'decisions_record_ahead'
  | 'decisions_workflow_ahead'
  | 'decisions_conflict'
  | 'status_differs'
  | 'open_stage_differs'
  | 'workflow_not_running';

/**
 * `restart_workflow`: start the review again from the recorded request (safe only when no decision was recorded:
 * a restarted review opens its first stage, which is where the record stands). `none`: nothing is wrong that a
 * repair could change (a closed review whose history was lost keeps its record, which is the register). `manual`:
 * a person must look, for the reason given.
 */
export type Repair = 'restart_workflow' | 'none' | 'manual';

export interface Difference {
  requestId: string;
  kind: DifferenceKind;
  repair: Repair;
  detail: string;
}

const isPrefix = (shorter: string[], longer: string[]) => shorter.every((d, i) => longer[i] === d);

/** Every difference between one review's record and its workflow; an empty list when they agree. */
export function classifyReview(
  record: RecordSide | undefined,
  workflow: WorkflowSide | undefined,
): Difference[] {
  const requestId = record?.requestId ?? workflow?.requestId;
  if (!requestId) return [];
  const diff = (kind: DifferenceKind, repair: Repair, detail: string): Difference => ({
    requestId,
    kind,
    repair,
    detail,
  });
  if (!record && !workflow) return [];
  if (!record)
    return [
      diff(
        'record_missing',
        'manual',
        `workflow ${workflow!.execution} (${workflow!.status}) has no request row: the submission was acknowledged after the app database's backup; ask the requester to submit again, then terminate the workflow`,
      ),
    ];
  if (!workflow) {
    if (isFinal(record.status))
      return [
        diff(
          'workflow_missing',
          'none',
          `the record says ${record.status}; the history is lost but the record is the register`,
        ),
      ];
    if (record.decisions.length === 0 && record.status === 'in_review')
      return [
        diff(
          'workflow_missing',
          'restart_workflow',
          'in review with no decision recorded: the review starts again from the recorded request',
        ),
      ];
    return [
      diff(
        'workflow_missing',
        'manual',
        `${record.status} with decisions ${record.decisions.join(',') || '-'}: a restarted review would ask for them again; re-enter them or decide by hand`,
      ),
    ];
  }

  const out: Difference[] = [];
  const running = workflow.execution === 'RUNNING';
  if (!running && workflow.execution !== 'COMPLETED')
    out.push(
      diff(
        'workflow_not_running',
        'manual',
        `workflow ${workflow.execution}: read its history before anything else`,
      ),
    );
  const rec = record.decisions;
  const wf = workflow.decisions;
  if (rec.join() !== wf.join()) {
    if (isPrefix(wf, rec))
      out.push(
        diff(
          'decisions_record_ahead',
          'manual',
          `the record has ${rec.slice(wf.length).join(',')} that the restored history lacks: the decider must decide again (the workflow waits for it)`,
        ),
      );
    else if (isPrefix(rec, wf))
      out.push(
        diff(
          'decisions_workflow_ahead',
          'manual',
          `the workflow has ${wf.slice(rec.length).join(',')} that the record lacks: its activity's write was lost with the app database; the decision stands in the history`,
        ),
      );
    else
      out.push(
        diff(
          'decisions_conflict',
          'manual',
          `record ${rec.join(',') || '-'} / workflow ${wf.join(',') || '-'}`,
        ),
      );
  }
  if (record.status !== workflow.status)
    out.push(diff('status_differs', 'manual', `record ${record.status} / workflow ${workflow.status}`));
  const expectedOpen = running && workflow.currentStage ? [workflow.currentStage] : [];
  if ([...record.openStages].sort().join() !== expectedOpen.join())
    out.push(
      diff(
        'open_stage_differs',
        'manual',
        `open stages: record ${record.openStages.join(',') || '-'} / workflow ${expectedOpen.join(',') || '-'}`,
      ),
    );
  return out;
}

/** Both sides by request id, each review classified once; differences in request-id order. */
export function reconcile(records: RecordSide[], workflows: WorkflowSide[]): Difference[] {
  const byRecord = new Map(records.map((r) => [r.requestId, r]));
  const byWorkflow = new Map(workflows.map((w) => [w.requestId, w]));
  const ids = [...new Set([...byRecord.keys(), ...byWorkflow.keys()])].sort();
  return ids.flatMap((id) => classifyReview(byRecord.get(id), byWorkflow.get(id)));
}
