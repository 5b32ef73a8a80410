import { classifyReview, reconcile, type RecordSide, type WorkflowSide } from '@domain/reconcile';

const record = (over: Partial<RecordSide> = {}): RecordSide => ({
  requestId: 'r1',
  status: 'in_review',
  openStages: ['hr_review'],
  decisions: [],
  ...over,
});
const workflow = (over: Partial<WorkflowSide> = {}): WorkflowSide => ({
  requestId: 'r1',
  execution: 'RUNNING',
  status: 'in_review',
  currentStage: 'hr_review',
  decisions: [],
  ...over,
});
const kinds = (r?: RecordSide, w?: WorkflowSide) => classifyReview(r, w).map((d) => `${d.kind}/${d.repair}`);

describe('classifyReview', () => {
  it('finds nothing when the record and the workflow agree', () => {
    expect(kinds(record(), workflow())).toEqual([]);
    expect(
      kinds(
        record({
          status: 'approved',
          openStages: [],
          decisions: ['hr_review:approve', 'director_decision:approve'],
        }),
        workflow({
          execution: 'COMPLETED',
          status: 'approved',
          currentStage: undefined,
          decisions: ['hr_review:approve', 'director_decision:approve'],
        }),
      ),
    ).toEqual([]);
  });

  it('restarts a missing workflow only for a review in its first stage with no decision', () => {
    expect(kinds(record(), undefined)).toEqual(['workflow_missing/restart_workflow']);
    expect(
      kinds(record({ decisions: ['hr_review:approve'], openStages: ['director_decision'] }), undefined),
    ).toEqual(['workflow_missing/manual']);
    expect(kinds(record({ status: 'returned', openStages: [] }), undefined)).toEqual([
      'workflow_missing/manual',
    ]);
  });

  it('leaves a closed review whose workflow is missing to its record', () => {
    expect(
      kinds(record({ status: 'rejected', openStages: [], decisions: ['hr_review:reject'] }), undefined),
    ).toEqual(['workflow_missing/none']);
  });

  it('sends a workflow without a record to a person', () => {
    const [d] = classifyReview(undefined, workflow());
    expect(d).toMatchObject({ requestId: 'r1', kind: 'record_missing', repair: 'manual' });
    expect(d.detail).toMatch(/submit again/);
  });

  it('tells which side is ahead on decisions', () => {
    expect(
      kinds(record({ decisions: ['hr_review:approve'], openStages: ['director_decision'] }), workflow()),
    ).toEqual(['decisions_record_ahead/manual', 'open_stage_differs/manual']);
    expect(
      kinds(record(), workflow({ decisions: ['hr_review:approve'], currentStage: 'director_decision' })),
    ).toEqual(['decisions_workflow_ahead/manual', 'open_stage_differs/manual']);
    expect(
      kinds(
        record({ decisions: ['hr_review:reject'], status: 'rejected', openStages: [] }),
        workflow({ decisions: ['hr_review:approve'], currentStage: 'director_decision' }),
      ),
    ).toEqual(['decisions_conflict/manual', 'status_differs/manual', 'open_stage_differs/manual']);
  });

  it('flags a workflow that ended other than by completing', () => {
    expect(
      kinds(
        record({ status: 'in_review', openStages: [] }),
        workflow({ execution: 'TERMINATED', currentStage: undefined }),
      ),
    ).toEqual(['workflow_not_running/manual']);
  });
});

describe('reconcile', () => {
  it('pairs both sides by request id and lists each one-sided review', () => {
    const out = reconcile(
      [record({ requestId: 'a' }), record({ requestId: 'b' })],
      [workflow({ requestId: 'b' }), workflow({ requestId: 'c' })],
    );
    expect(out.map((d) => `${d.requestId}:${d.kind}`)).toEqual(['a:workflow_missing', 'c:record_missing']);
  });
});
