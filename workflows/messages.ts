import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AnswerQuestionUpdateInput,
  AskQuestionUpdateInput,
  ChangeRequesterUpdateInput,
  DecideUpdateInput,
  OpenStageView,
  QuestionResult,
  ReassignUpdateInput,
  ReleaseUpdateInput,
  DecisionResult,
  ResubmitUpdateInput,
  ReviewState,
  WithdrawUpdateInput,
} from './types';

/** Defined once, used by the workflow's handlers and by the API's client calls alike. */
export const submitUpdate = defineUpdate<ReviewState, []>('submit');
export const decideUpdate = defineUpdate<DecisionResult, [DecideUpdateInput]>('decide');
export const resubmitUpdate = defineUpdate<ReviewState, [ResubmitUpdateInput]>('resubmit');
export const withdrawUpdate = defineUpdate<ReviewState, [WithdrawUpdateInput]>('withdraw');
export const reassignUpdate = defineUpdate<OpenStageView, [ReassignUpdateInput]>('reassign');
/** Issue 18: a leaver's stage back to its pool, and a leaver's request to another requester. */
export const releaseUpdate = defineUpdate<OpenStageView, [ReleaseUpdateInput]>('release');
export const changeRequesterUpdate = defineUpdate<ReviewState, [ChangeRequesterUpdateInput]>(
  'changeRequester',
);
/** Issue 21: a question to the requester while the stage stays open, and the requester's answer. */
export const askQuestionUpdate = defineUpdate<QuestionResult, [AskQuestionUpdateInput]>('askQuestion');
export const answerQuestionUpdate = defineUpdate<QuestionResult, [AnswerQuestionUpdateInput]>(
  'answerQuestion',
);
export const stateQuery = defineQuery<ReviewState>('state');

/** The updates that act for a person: each must carry the API's actor claim (libs/domain/actor-claim.ts). */
export const VOUCHED_UPDATES: readonly string[] = [
  decideUpdate.name,
  reassignUpdate.name,
  resubmitUpdate.name,
  withdrawUpdate.name,
  releaseUpdate.name,
  changeRequesterUpdate.name,
  askQuestionUpdate.name,
  answerQuestionUpdate.name,
];
