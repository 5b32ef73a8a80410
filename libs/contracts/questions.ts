import { z } from 'zod';
import { STAGE_NAMES } from '@domain/enums';
import { QUESTION_TEXT_MAX } from '@domain/questions';
import { text, timestamp, uuid } from './wire';

/** Questions without a return (issue 21): the bodies the API takes and the shapes it answers with. */
const questionText = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a text' })
  .trim()
  .min(1, 'must be a non-empty text')
  .max(QUESTION_TEXT_MAX, `must be at most ${QUESTION_TEXT_MAX} characters`);

export const askQuestionSchema = z
  .object({ text: questionText.describe('The question to the requester') })
  .strict();
export const answerQuestionSchema = z.object({ text: questionText.describe('The answer') }).strict();

export const questionSchema = z.object({
  id: uuid,
  stageId: uuid,
  stage: z.enum(STAGE_NAMES),
  askedBy: uuid,
  askedByName: text,
  question: text,
  askedAt: timestamp,
  answeredBy: uuid.nullable(),
  answeredByName: text.nullable(),
  answer: text.nullable(),
  answeredAt: timestamp.nullable(),
});
export type Question = z.infer<typeof questionSchema>;

export const questionListSchema = z.object({
  items: z.array(questionSchema),
  /** The open stage's unanswered question, the one the requester may answer now; null when there is none. */
  openQuestionId: uuid.nullable(),
  /** Whether the route version of this request holds the stage's deadline while a question is open. */
  pausesDeadline: z.boolean(),
});
export type QuestionList = z.infer<typeof questionListSchema>;

export const questionResultSchema = z.object({
  questionId: uuid,
  stageId: uuid,
  at: timestamp,
  /** The open stage's deadline after this step (moved on by an answer when the route version pauses it). */
  dueAt: timestamp.optional(),
});
export type QuestionResult = z.infer<typeof questionResultSchema>;
