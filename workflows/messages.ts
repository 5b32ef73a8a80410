import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  DecideUpdateInput,
  OpenStageView,
  ReassignUpdateInput,
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
export const stateQuery = defineQuery<ReviewState>('state');
