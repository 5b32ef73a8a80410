import { z } from 'zod';
import { validOn } from './period-validity';
import { execute, first, many, type Queryable } from './rows';

/** A holder of the follow-up role on a day, with the scope of each of their follow-up grants. */
export interface FollowUpRecipient {
  userId: string;
  email: string;
  /** The grants' scopes: null for the region, else a division (or unit) id. */
  scopes: (string | null)[];
}

const recipientRow = z.object({
  user_id: z.string(),
  email: z.string(),
  scopes: z.array(z.string().nullable()),
});

/** Who gets the board report by mail, and which reports went out (board_report_mailings). */
export class BoardReportMailingsRepository {
  constructor(private readonly db: Queryable) {}

  /** Active users with an e-mail address who hold the follow-up role on `day` (a Stockholm date). */
  async followUpRecipients(day: string): Promise<FollowUpRecipient[]> {
    const rows = await many(
      this.db,
      recipientRow,
      `SELECT u.id AS user_id, u.email, array_agg(ra.scope_unit_id ORDER BY ra.scope_unit_id) AS scopes
         FROM role_assignments ra JOIN users u ON u.id = ra.user_id
        WHERE ra.role = 'follow_up' AND u.active AND u.email IS NOT NULL AND u.email <> ''
          AND ${validOn('ra', '$1::date')}
        GROUP BY u.id, u.email ORDER BY u.id`,
      [day],
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, scopes: r.scopes }));
  }

  /**
   * Takes the month's row for a recipient and holds its lock for the rest of the transaction; false when the
   * report was already sent (by an earlier attempt, or a second run that got the lock first).
   */
  async claim(month: string, userId: string, scope: string, email: string): Promise<boolean> {
    await execute(
      this.db,
      `INSERT INTO board_report_mailings (month, user_id, scope, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (month, user_id) DO NOTHING`,
      [month, userId, scope, email],
    );
    const row = await first(
      this.db,
      z.object({ sent: z.boolean() }),
      `SELECT sent_at IS NOT NULL AS sent FROM board_report_mailings WHERE month = $1 AND user_id = $2 FOR UPDATE`,
      [month, userId],
    );
    return row !== undefined && !row.sent;
  }

  async markSent(month: string, userId: string, at: string): Promise<void> {
    await execute(
      this.db,
      `UPDATE board_report_mailings SET sent_at = $3 WHERE month = $1 AND user_id = $2`,
      [month, userId, at],
    );
  }

  /** Of `userIds`, those whose report for `month` has gone out. */
  async sentTo(month: string, userIds: string[]): Promise<Set<string>> {
    const rows = await many(
      this.db,
      z.object({ user_id: z.string() }),
      `SELECT user_id FROM board_report_mailings WHERE month = $1 AND user_id = ANY($2::uuid[]) AND sent_at IS NOT NULL`,
      [month, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async sent(month: string): Promise<{ userId: string; scope: string; sentAt: Date }[]> {
    const rows = await many(
      this.db,
      z.object({ user_id: z.string(), scope: z.string(), sent_at: z.date() }),
      `SELECT user_id, scope, sent_at FROM board_report_mailings WHERE month = $1 AND sent_at IS NOT NULL ORDER BY user_id`,
      [month],
    );
    return rows.map((r) => ({ userId: r.user_id, scope: r.scope, sentAt: r.sent_at }));
  }
}
