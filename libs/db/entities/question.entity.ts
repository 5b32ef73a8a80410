import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RequestEntity } from './request.entity';
import { StageEntity } from './stage.entity';

/**
 * A reviewer's question to the requester on an open stage, and the answer (issue 21). Written only by the review
 * workflow's activities, as decisions are; the id is the API's, so a retried question is recorded once.
 */
@Entity('questions')
@Check(
  'CHK_questions_answer',
  `("answer" IS NULL) = ("answered_at" IS NULL) AND ("answer" IS NULL) = ("answered_by" IS NULL)`,
)
export class QuestionEntity {
  @PrimaryColumn('uuid') id: string;
  @Index() @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  /** One unanswered question per stage: the database refuses a second while the first is open. */
  @Index('UQ_questions_open_per_stage', ['stageId'], { unique: true, where: '"answered_at" IS NULL' })
  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;
  @Column({ name: 'stage_name', type: 'text' }) stageName: string;
  @Column({ name: 'asked_by', type: 'uuid' }) askedBy: string;
  @Column({ type: 'text' }) question: string;
  @Column({ name: 'asked_at', type: 'timestamptz' }) askedAt: Date;
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy: string | null;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  @ManyToOne(() => RequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: RequestEntity;
  @ManyToOne(() => StageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: StageEntity;
}
