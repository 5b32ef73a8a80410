import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Client,
  ServiceError,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppConfig } from '@config/config';
import { DomainError, refusalCodeOf, type FieldProblem } from '@domain/errors';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import {
  answerQuestionUpdate,
  askQuestionUpdate,
  changeRequesterUpdate,
  decideUpdate,
  reassignUpdate,
  releaseUpdate,
  resubmitUpdate,
  stateQuery,
  submitUpdate,
  withdrawUpdate,
} from '@workflows/messages';
import type {
  AnswerQuestionUpdateInput,
  AskQuestionUpdateInput,
  ChangeRequesterUpdateInput,
  DecideUpdateInput,
  ReassignUpdateInput,
  ReleaseUpdateInput,
  ResubmitUpdateInput,
  ReviewInput,
  WithdrawUpdateInput,
} from '@workflows/types';
import type { staffingReviewWorkflow } from '@workflows/staffing-review.workflow';
import { reviewEngineUnavailable, reviewEngineUnconfirmed } from '../common/problem';
import { currentRequestId } from '../observability/request-context';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';

/** The API's only door to the review workflows: start, updates, and the mapping of their refusals to HTTP. */
@Injectable()
export class ReviewGateway {
  private readonly logger = new Logger('ReviewGateway');

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the review (or finds the one already started) and returns once its first stage is recorded.
   * The update id comes from the request id, so a retried submission is answered, not repeated.
   * The HTTP request id that started it is kept as the workflow's memo, to follow a request from log to history.
   */
  submit(input: ReviewInput) {
    const httpRequestId = currentRequestId();
    const start = new WithStartWorkflowOperation<typeof staffingReviewWorkflow>('staffingReviewWorkflow', {
      workflowId: reviewWorkflowId(input.requestId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      ...(httpRequestId ? { memo: { requestId: httpRequestId } } : {}),
    });
    return this.call(() =>
      this.client.workflow.executeUpdateWithStart(submitUpdate, {
        startWorkflowOperation: start,
        updateId: `submit-${input.requestId}`,
      }),
    );
  }

  decide(requestId: string, input: DecideUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(decideUpdate, {
        args: [input],
        updateId: `decide-${input.decisionId}`,
      }),
    );
  }

  resubmit(requestId: string, input: ResubmitUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(resubmitUpdate, {
        args: [input],
        updateId: `resubmit-${input.resubmissionId}`,
      }),
    );
  }

  reassign(requestId: string, input: ReassignUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(reassignUpdate, {
        args: [input],
        updateId: `reassign-${input.reassignmentId}`,
      }),
    );
  }

  withdraw(requestId: string, input: WithdrawUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(withdrawUpdate, {
        args: [input],
        updateId: `withdraw-${input.withdrawalId}`,
      }),
    );
  }

  release(requestId: string, input: ReleaseUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(releaseUpdate, {
        args: [input],
        updateId: `release-${input.releaseId}`,
      }),
    );
  }

  changeRequester(requestId: string, input: ChangeRequesterUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(changeRequesterUpdate, {
        args: [input],
        updateId: `change-requester-${input.changeId}`,
      }),
    );
  }

  askQuestion(requestId: string, input: AskQuestionUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(askQuestionUpdate, {
        args: [input],
        updateId: `ask-${input.questionId}`,
      }),
    );
  }

  answerQuestion(requestId: string, input: AnswerQuestionUpdateInput) {
    return this.call(() =>
      this.handle(requestId).executeUpdate(answerQuestionUpdate, {
        args: [input],
        updateId: `answer-${input.questionId}`,
      }),
    );
  }

  /** The review's status as its workflow holds it: the record can be ahead of it after a lost workflow task. */
  status(requestId: string) {
    return this.call(async () => (await this.handle(requestId).query(stateQuery)).status);
  }

  private handle(requestId: string) {
    return this.client.workflow.getHandle(reviewWorkflowId(requestId));
  }

  /**
   * Every RPC inside `fn` (the update's start and its polls for the outcome) shares one deadline, so a workflow
   * task that cannot complete (its store full, its worker killed) answers 503 after callTimeoutMs, not never.
   */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.config.temporal.callTimeoutMs, fn);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): Error {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const code = refusalCodeOf(error.cause.type);
      if (code)
        return new DomainError(code, error.cause.message, (error.cause.details?.[0] as FieldProblem[]) ?? []);
    }
    if (error instanceof WorkflowNotFoundError) {
      return new DomainError('invalid_state', 'The review of this request has finished');
    }
    if (
      error instanceof ServiceError ||
      error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
      isUnavailable(error)
    ) {
      const message = (error as Error).message;
      if (/already completed|workflow execution already completed/i.test(message)) {
        return new DomainError('invalid_state', 'The review of this request has finished');
      }
      if (isDeadlineExceeded(error)) {
        this.logger.warn(
          `Temporal did not confirm within ${this.config.temporal.callTimeoutMs} ms: ${message}`,
        );
        return reviewEngineUnconfirmed(Math.round(this.config.temporal.callTimeoutMs / 1000));
      }
      this.logger.warn(`Temporal unavailable: ${message}`);
      return reviewEngineUnavailable();
    }
    return error as Error;
  }
}

const grpcCode = (error: unknown) => (error as { code?: number })?.code;

/** gRPC DEADLINE_EXCEEDED (4), itself or as the cause of the SDK's update timeout error. */
function isDeadlineExceeded(error: unknown): boolean {
  return grpcCode(error) === 4 || grpcCode((error as { cause?: unknown })?.cause) === 4;
}

function isUnavailable(error: unknown): boolean {
  const code = grpcCode(error);
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4)
  return code === 14 || code === 4;
}
