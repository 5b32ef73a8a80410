import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  answerQuestionSchema,
  askQuestionSchema,
  questionListSchema,
  questionResultSchema,
} from '@contracts/questions';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { ApiProblems } from '../common/openapi-responses';
import { QuestionsService } from './questions.service';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Questions without a return (issue 21): ask while the stage stays open, answer, read them. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get()
  @Can('read', 'Request')
  @ApiOkResponse({
    description: "The request's questions and answers, oldest first",
    schema: openApiResponseSchema(questionListSchema),
  })
  @ApiProblems(400, 401, [404, 'No request with this id that the caller may see'])
  list(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.questions.list(id, user);
  }

  @Post()
  @Can('ask', 'Request')
  @ApiBody({ schema: openApiSchema(askQuestionSchema) })
  @ApiCreatedResponse({
    description: 'The question, recorded; the requester is told. The stage stays open.',
    schema: openApiResponseSchema(questionResultSchema),
  })
  @ApiProblems(
    [400, 'The text is missing, empty or too long'],
    401,
    [403, "The caller is not the open stage's reviewer"],
    [404, 'No request with this id that the caller may see'],
    [409, 'No stage is open, or it already has an unanswered question'],
    413,
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  ask(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.questions.ask(id, body, user);
  }

  @Post(':questionId/answer')
  @Can('answer', 'Request')
  @ApiBody({ schema: openApiSchema(answerQuestionSchema) })
  @ApiCreatedResponse({
    description: "The answer, recorded; the reviewer is told. A paused stage's deadline has moved on.",
    schema: openApiResponseSchema(questionResultSchema),
  })
  @ApiProblems(
    [400, 'The text is missing, empty or too long'],
    401,
    [403, 'Only the requester may answer'],
    [404, 'No request, or no such question on it, that the caller may see'],
    [409, 'The question is already answered, or its stage was decided'],
    413,
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  answer(
    @Param('id', uuid) id: string,
    @Param('questionId', uuid) questionId: string,
    @Body() body: unknown,
    @User() user: CurrentUser,
  ) {
    return this.questions.answer(id, questionId, body, user);
  }
}
