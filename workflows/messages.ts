import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ChangeRequesterUpdateInput,
  DecideUpdateInput,
  OpenStageView,
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
export const stateQuery = defineQuery<ReviewState>('state');

/** The updates that act for a person: each must carry the API's actor claim (libs/domain/actor-claim.ts). */
export const VOUCHED_UPDATES: readonly string[] = [
  decideUpdate.name,
  reassignUpdate.name,
  resubmitUpdate.name,
  withdrawUpdate.name,
  releaseUpdate.name,
  changeRequesterUpdate.name,
];
