import { z } from 'zod';
import type { RouteDraft } from '@domain/route-rules';
import { dateText, first, jsonObject, many, type Queryable, timestamp, updated } from './rows';

const policyVersionRow = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  policy: jsonObject,
  copiedFrom: z.number().int().nullable(),
  validFrom: dateText.nullable(),
  decisionRef: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedOn: dateText.nullable(),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  publishedBy: z.string().nullable(),
  publishedAt: timestamp.nullable(),
});
/** A stored version. `policy` is its content without the number (RouteDraft); the caller checks its shape. */
export type PolicyVersionRow = Omit<z.output<typeof policyVersionRow>, 'policy'> & { policy: RouteDraft };

const COLUMNS = `version, status, policy, copied_from AS "copiedFrom", valid_from::text AS "validFrom",
  decision_ref AS "decisionRef", decided_by AS "decidedBy", decided_on::text AS "decidedOn", created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt", published_by AS "publishedBy", published_at AS "publishedAt"`;

// The content was validated before it was stored; the row schema checks the columns, not the route again.
const asRow = (row: z.output<typeof policyVersionRow>) => row as unknown as PolicyVersionRow;

/** Route versions (`policy_versions`): drafts, and published versions that never change. */
export class PolicyVersionsRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<PolicyVersionRow[]> {
    const rows = await many(
      this.db,
      policyVersionRow,
      `SELECT ${COLUMNS} FROM policy_versions ORDER BY version`,
    );
    return rows.map(asRow);
  }

  async byVersion(version: number): Promise<PolicyVersionRow | undefined> {
    const row = await first(
      this.db,
      policyVersionRow,
      `SELECT ${COLUMNS} FROM policy_versions WHERE version = $1`,
      [version],
    );
    return row && asRow(row);
  }

  /** The published version with the latest start on or before `date` (YYYY-MM-DD). */
  async inForceOn(date: string): Promise<PolicyVersionRow | undefined> {
    const row = await first(
      this.db,
      policyVersionRow,
      `SELECT ${COLUMNS} FROM policy_versions WHERE status = 'published' AND valid_from <= $1
        ORDER BY valid_from DESC LIMIT 1`,
      [date],
    );
    return row && asRow(row);
  }

  /** The latest start of any published version, in force or coming. */
  async latestValidFrom(): Promise<string | undefined> {
    const [row] = (await this.db.query(
      `SELECT max(valid_from)::text AS "validFrom" FROM policy_versions WHERE status = 'published'`,
    )) as { validFrom: string | null }[];
    return row?.validFrom ?? undefined;
  }

  /** A new draft with the next number. A table lock serialises two admins creating drafts at once. */
  async insertDraft(draft: { policy: RouteDraft; copiedFrom: number | null; createdBy: string }) {
    await this.db.query(`LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE`);
    const row = await first(
      this.db,
      policyVersionRow,
      `INSERT INTO policy_versions (version, status, policy, copied_from, created_by)
        SELECT COALESCE(max(version), 0) + 1, 'draft', $1::jsonb, $2, $3 FROM policy_versions
        RETURNING ${COLUMNS}`,
      [JSON.stringify(draft.policy), draft.copiedFrom, draft.createdBy],
    );
    return asRow(row!);
  }

  /** Replaces a draft's content; undefined when no draft has that number (published rows never change). */
  async updateDraft(version: number, policy: RouteDraft) {
    const [row] = await updated(
      this.db,
      policyVersionRow,
      `UPDATE policy_versions SET policy = $2::jsonb, updated_at = now()
        WHERE version = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
      [version, JSON.stringify(policy)],
    );
    return row && asRow(row);
  }

  async publish(
    version: number,
    p: {
      validFrom: string;
      decisionRef: string;
      decidedBy: string | null;
      decidedOn: string;
      publishedBy: string;
    },
  ) {
    const [row] = await updated(
      this.db,
      policyVersionRow,
      `UPDATE policy_versions SET status = 'published', valid_from = $2, decision_ref = $3, decided_by = $4,
          decided_on = $5, published_by = $6, published_at = now(), updated_at = now()
        WHERE version = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
      [version, p.validFrom, p.decisionRef, p.decidedBy, p.decidedOn, p.publishedBy],
    );
    return row && asRow(row);
  }
}
