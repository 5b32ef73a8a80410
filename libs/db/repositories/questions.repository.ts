import { z } from 'zod';
import { STAGE_NAMES } from '@domain/enums';
import { execute, many, type Queryable, timestamp } from './rows';

const questionRow = z.object({
  id: z.string(),
  stageId: z.string(),
  stage: z.enum(STAGE_NAMES),
  askedBy: z.string(),
  askedByName: z.string(),
  question: z.string(),
  askedAt: timestamp,
  answeredBy: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: timestamp.nullable(),
});
export type QuestionRow = z.output<typeof questionRow>;

/** Reviewers' questions and requesters' answers (`questions`, issue 21); written by the review's activities. */
export class QuestionsRepository {
  constructor(private readonly db: Queryable) {}

  /** Records the question once: a retried activity finds the row the first attempt wrote. True when written. */
  async insertOnce(q: {
    questionId: string;
    requestId: string;
    stageId: string;
    stageName: string;
    actorId: string;
    text: string;
    at: string;
  }): Promise<boolean> {
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO questions (id, request_id, stage_id, stage_name, asked_by, question, asked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [q.questionId, q.requestId, q.stageId, q.stageName, q.actorId, q.text, q.at],
    );
    return rows.length > 0;
  }

  /** Records the answer unless the question already has one (a retry). */
  answer(a: { questionId: string; actorId: string; text: string; at: string }) {
    return execute(
      this.db,
      `UPDATE questions SET answered_by = $2, answer = $3, answered_at = $4 WHERE id = $1 AND answered_at IS NULL`,
      [a.questionId, a.actorId, a.text, a.at],
    );
  }

  /** A request's questions with their answers, oldest first. */
  ofRequest(requestId: string) {
    return many(
      this.db,
      questionRow,
      `SELECT q.id, q.stage_id AS "stageId", q.stage_name AS stage, q.asked_by AS "askedBy",
              asker.display_name AS "askedByName", q.question, q.asked_at AS "askedAt",
              q.answered_by AS "answeredBy", answerer.display_name AS "answeredByName", q.answer,
              q.answered_at AS "answeredAt"
         FROM questions q
         JOIN users asker ON asker.id = q.asked_by
         LEFT JOIN users answerer ON answerer.id = q.answered_by
        WHERE q.request_id = $1
        ORDER BY q.asked_at, q.id`,
      [requestId],
    );
  }
}
