import { z } from 'zod';
import {
  OCCUPATIONAL_CATEGORIES,
  OUTCOMES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  ROLES,
  STAGE_NAMES,
} from '@domain/enums';
import { DECIDE_REFUSALS } from '@domain/may-decide-now';
import { callOffInputSchema, hireInputSchema } from '@domain/request-input';
import { pageSchema } from './paging';
import { calendarDate, kronor, text, timestamp, uuid } from './wire';

const status = z.enum(REQUEST_STATUSES);
const stageName = z.enum(STAGE_NAMES);
const outcome = z.enum(OUTCOMES);
const mode = z
  .enum(['deciding', 'recommending'])
  .describe('A deciding stage grants or rejects; a recommending one recommends (tillstyrker or avstyrker)');
const assignees = z.array(z.object({ role: z.enum(ROLES), scopeUnitId: uuid.nullable() }));

/** An open stage as the review workflow reports it. */
export const openStageSchema = z.object({
  stageId: uuid,
  name: stageName,
  mode: mode.optional(),
  round: z.number().int(),
  openedAt: timestamp,
  dueAt: timestamp,
  escalationLevel: z.number().int(),
  assignees: assignees.describe('Roles that may decide now, each with its scope'),
  assigneeUserId: uuid.describe('Set when the stage was reassigned to one reviewer').optional(),
});

export const caseNumber = z
  .string()
  .regex(/^\d{4}-\d{5,}$/)
  .describe('The case number: year of submission (Stockholm) and its place in that year, e.g. 2026-00042');
export const requestTitleText = text.describe(
  "What lists name the request by (Swedish): a hire's title and form of employment, a call-off's supplier and period",
);
export const requestTitleEnText = text.describe('The title in English');

/** The fields every view of a request has. */
const requestRecord = z.object({
  id: uuid,
  caseNumber,
  summary: requestTitleText,
  summaryEn: requestTitleEnText,
  kind: z.enum(REQUEST_KINDS),
  status,
  statusReason: text.nullable(),
  reviewRequired: z.boolean(),
  periodId: uuid.nullable(),
  exemptionId: uuid.nullable(),
  policyVersion: z.number().int().nullable(),
  unitId: uuid,
  divisionId: uuid,
  requesterId: uuid,
  occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES),
  costSek: kronor.describe('Monthly cost of a hire, estimated total of a call-off'),
  submittedAt: timestamp,
  decidedAt: timestamp.nullable(),
  validUntil: calendarDate.nullable(),
});

export const requestSummarySchema = requestRecord.extend({
  currentStage: z.object({ name: stageName, dueAt: timestamp }).nullable(),
});

export const requestListSchema = pageSchema(requestSummarySchema);

export const submissionSchema = z.object({
  id: uuid,
  caseNumber,
  status,
  reviewRequired: z.boolean(),
  periodId: uuid.nullable(),
  exemptionId: uuid.nullable(),
  currentStage: z.object({ name: stageName, dueAt: timestamp, assignees }).nullable(),
});

export const stageSchema = z.object({
  id: uuid,
  name: stageName,
  mode,
  round: z.number().int(),
  assigneeRole: z.enum(ROLES),
  assigneeScopeUnitId: uuid.nullable(),
  openedAt: timestamp,
  dueAt: timestamp,
  escalationLevel: z.number().int(),
  closedAt: timestamp.nullable(),
  outcome: z.enum([...OUTCOMES, 'withdrawn']).nullable(),
});

export const decisionSchema = z.object({
  id: uuid,
  stage: stageName,
  outcome,
  actorId: uuid,
  actorName: text,
  onBehalfOfId: uuid.nullable(),
  comment: text.nullable(),
  conditions: text.nullable(),
  validUntil: calendarDate.nullable(),
  decidedAt: timestamp,
});

/**
 * What the caller may do with a request now, each the name of the endpoint that then accepts it: `decide` (POST
 * decisions; a recommendation at a recommending stage, see `decideAt.mode`), `ask_question` and `answer_question`
 * (the questions), `resubmit`, `withdraw`, `attach` (POST attachments), `reassign`, `change_requester` (the HR
 * lead's move of a leaver's request). The one list of them: the API computes it with the endpoints' own rules and
 * the web app offers a form or button only for what it names.
 */
export const REQUEST_ACTIONS = [
  'decide',
  'ask_question',
  'answer_question',
  'resubmit',
  'withdraw',
  'attach',
  'reassign',
  'change_requester',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const requestActionSchema = z.enum(REQUEST_ACTIONS);

/** Why a reviewer may not decide the request now; the page says it instead of offering a form. */
export const DECIDE_REFUSAL_REASONS = [...DECIDE_REFUSALS, 'stage_not_open'] as const;
export type DecideRefusalReason = (typeof DECIDE_REFUSAL_REASONS)[number];

const requestDetailBase = requestRecord.extend({
  currentStage: z
    .object({
      name: stageName,
      dueAt: timestamp,
      escalationLevel: z.number().int(),
      mode,
      outcomes: z.array(outcome).describe('The outcomes the open stage offers, by its mode'),
    })
    .nullable(),
  answerReturnBy: timestamp
    .nullable()
    .describe('A returned request: by when it must be completed and sent in again, or it is closed'),
  stages: z.array(stageSchema),
  decisions: z
    .array(decisionSchema)
    .describe('Every outcome recorded, recommendations included, oldest first'),
  recommendations: z
    .array(decisionSchema)
    .describe(
      'The recommendations (tillstyrkan, avstyrkan) with their reasoning, oldest first: what the deciding stage weighs',
    ),
  exemption: z
    .object({ id: uuid, decisionBody: text, decisionRef: text, decidedOn: calendarDate })
    .nullable()
    .describe('The general exemption that covered an exempted request, with the decision behind it'),
  allowedActions: z
    .array(requestActionSchema)
    .describe('What the caller may do with the request now; every other action is refused'),
  decideAt: z
    .object({
      stage: stageName,
      mode,
      onBehalfOfId: uuid.nullable().describe('Set when the caller decides standing in for this reviewer'),
    })
    .nullable()
    .describe(
      'With `decide` allowed: the stage it applies to, whether the caller decides or recommends there',
    ),
  decideRefusal: z
    .enum(DECIDE_REFUSAL_REASONS)
    .nullable()
    .describe(
      'For a reviewer who may not decide: why (own request, decided another stage, not the reviewer of the open ' +
        'stage, reassigned to someone else, no stage open); null when they may, or are no reviewer',
    ),
});

/** The submitted fields are the kind's input schema: what was validated on submission is what is shown. */
export const requestDetailSchema = z
  .discriminatedUnion('kind', [
    requestDetailBase.extend(hireInputSchema.shape),
    requestDetailBase.extend(callOffInputSchema.shape),
  ])
  .describe('The request: its record, the fields submitted for its kind, its stages and decisions');

export const timelineEventSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9]+$/)
    .describe('The audit event number'),
  type: z.string(),
  at: timestamp,
  actorId: uuid.nullable(),
  actorName: text.nullable(),
  data: z.record(z.unknown()),
});

/** The audit trail of a request, oldest first. */
export const timelineSchema = z.array(timelineEventSchema);

export const decisionResultSchema = z.object({
  decisionId: uuid,
  stage: stageName,
  outcome,
  status,
  decidedAt: timestamp,
  validUntil: calendarDate.nullable().describe('Until when an approval holds').optional(),
  nextStage: openStageSchema.describe('The stage opened next, if any').optional(),
});

export const resubmissionSchema = z.object({ id: uuid, status, currentStage: openStageSchema.nullable() });

export const reassignmentSchema = z.object({ id: uuid, currentStage: openStageSchema });

export const withdrawalSchema = z.object({ id: uuid, status });

export type OpenStage = z.infer<typeof openStageSchema>;
export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type RequestList = z.infer<typeof requestListSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type RequestDetail = z.infer<typeof requestDetailSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type DecisionResult = z.infer<typeof decisionResultSchema>;
export type Resubmission = z.infer<typeof resubmissionSchema>;
export type Reassignment = z.infer<typeof reassignmentSchema>;
export type Withdrawal = z.infer<typeof withdrawalSchema>;
