import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { QuestionsRepository } from '@db/repositories/questions.repository';
import { RequestsRepository, type RequestRow } from '@db/repositories/requests.repository';
import { StagesRepository } from '@db/repositories/stages.repository';
import { DomainError } from '@domain/errors';
import {
  answerQuestionSchema,
  askQuestionSchema,
  type QuestionList,
  type QuestionResult,
} from '@contracts/questions';
import { parseBody } from '../common/parse-body';
import { asActor, type CurrentUser } from '../auth/current-user';
import { PolicyVersionsService } from '../policy-versions/policy-versions.service';
import { DATA_SOURCE } from '../tokens';
import { ReviewGateway } from './review-gateway';
import { assertNotRequester } from './request-authorisation';

/**
 * Questions without a return (issue 21). The API checks the body and what it can see; the review workflow decides
 * who may ask (the open stage's reviewer) and answer (the requester) and records both, as it does decisions, so
 * the questions table and the workflow's clock never disagree.
 */
@Injectable()
export class QuestionsService {
  private readonly requests: RequestsRepository;
  private readonly stages: StagesRepository;
  private readonly questions: QuestionsRepository;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly gateway: ReviewGateway,
    private readonly policies: PolicyVersionsService,
  ) {
    this.requests = new RequestsRepository(dataSource);
    this.stages = new StagesRepository(dataSource);
    this.questions = new QuestionsRepository(dataSource);
  }

  async list(id: string, user: CurrentUser): Promise<QuestionList> {
    const row = await this.visibleRow(id, user);
    const policy = row.policyVersion === null ? undefined : await this.policies.policy(row.policyVersion);
    const items = await this.questions.ofRequest(id);
    // Only a question on the stage open now can be answered: one left when its stage closed stays unanswered.
    const stageId = row.status === 'in_review' ? await this.stages.openStageId(id) : undefined;
    const open = stageId && items.find((q) => q.stageId === stageId && q.answeredAt === null);
    return {
      items,
      openQuestionId: open ? open.id : null,
      pausesDeadline: policy?.questions?.pauseDeadline === true,
    };
  }

  async ask(id: string, body: unknown, user: CurrentUser): Promise<QuestionResult> {
    const { text } = parseBody(askQuestionSchema, body);
    const row = await this.visibleRow(id, user);
    assertNotRequester(row, user);
    const open = await this.stages.openOf(id);
    if (row.status !== 'in_review' || !open) {
      throw new DomainError(
        'stage_not_open',
        `Request ${id} has no stage open for a question (it is ${row.status})`,
      );
    }
    return this.gateway.askQuestion(id, {
      questionId: randomUUID(),
      stage: open.name,
      actor: asActor(user),
      text,
    });
  }

  async answer(id: string, questionId: string, body: unknown, user: CurrentUser): Promise<QuestionResult> {
    const { text } = parseBody(answerQuestionSchema, body);
    const row = await this.visibleRow(id, user);
    if (row.requesterId !== user.id)
      throw new DomainError('not_allowed', 'Only the requester may answer a question');
    const question = (await this.questions.ofRequest(id)).find((q) => q.id === questionId);
    if (!question) throw new DomainError('not_found', `No question ${questionId} on request ${id}`);
    if (question.answeredAt !== null)
      throw new DomainError('invalid_state', 'The question is already answered');
    return this.gateway.answerQuestion(id, { questionId, actorId: user.id, text });
  }

  private async visibleRow(id: string, user: CurrentUser): Promise<RequestRow> {
    const row = await this.requests.visibleById(id, user.id);
    // Not yours and not there look the same, as for the request itself.
    if (!row) throw new DomainError('not_found', `No request ${id}`);
    return row;
  }
}
