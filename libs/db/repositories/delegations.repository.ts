import { z } from 'zod';
import { STOCKHOLM_TODAY, validOn } from './period-validity';
import { REQUEST_KINDS, type RequestKind } from '@domain/enums';
import type { NewDelegation } from '@domain/delegation';
import {
  dateText,
  execute,
  first,
  many,
  pageSql,
  type PageOf,
  type Queryable,
  updated,
  timestamp,
  TOTAL_COLUMN,
  windowTotal,
} from './rows';

const delegationRow = z.object({
  id: z.string(),
  delegatorId: z.string(),
  delegatorName: z.string(),
  delegateId: z.string(),
  delegateName: z.string(),
  validFrom: dateText,
  validTo: dateText,
  kind: z.enum(REQUEST_KINDS).nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
});
export type DelegationRow = z.output<typeof delegationRow>;

const COLUMNS = `d.id, d.delegator_id AS "delegatorId", dr.display_name AS "delegatorName", d.delegate_id AS "delegateId",
  de.display_name AS "delegateName", d.valid_from::text AS "validFrom", d.valid_to::text AS "validTo", d.kind,
  d.created_by AS "createdBy", d.created_at AS "createdAt", d.revoked_at AS "revokedAt"`;
const FROM = `delegations d JOIN users dr ON dr.id = d.delegator_id JOIN users de ON de.id = d.delegate_id`;

const partiesRow = z.object({
  id: z.string(),
  delegatorId: z.string(),
  delegateId: z.string(),
  revokedAt: timestamp.nullable(),
});
const standInRow = z.object({ delegatorId: z.string(), covers: z.boolean() });
const activeRow = z.object({ delegatorId: z.string(), kind: z.enum(REQUEST_KINDS).nullable() });

/** Stand-ins for absent reviewers (`delegations`). */
export class DelegationsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * A page of the delegations in force: every one when `all`, else those the user is on either side of or whose
   * delegator holds a role in one of `divisions`. Latest first.
   */
  list(q: { userId: string; all: boolean; divisions: string[] } & PageOf) {
    return many(
      this.db,
      delegationRow.extend(windowTotal),
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM ${FROM}
        WHERE d.revoked_at IS NULL
          AND ($2 OR d.delegator_id = $1 OR d.delegate_id = $1
               OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = d.delegator_id AND ra.scope_unit_id = ANY($3::uuid[])
                                                   AND ${validOn('ra')}))
        ORDER BY d.valid_from DESC, d.created_at DESC, d.id ${pageSql(q)}`,
      [q.userId, q.all, q.divisions],
    );
  }

  byId(id: string) {
    return first(this.db, delegationRow, `SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [id]);
  }

  /** Who is on either side of a delegation, and whether it has ended. */
  parties(id: string) {
    return first(
      this.db,
      partiesRow,
      `SELECT id, delegator_id AS "delegatorId", delegate_id AS "delegateId", revoked_at AS "revokedAt"
         FROM delegations WHERE id = $1`,
      [id],
    );
  }

  async insert(
    d: { delegatorId: string; delegateId: string } & Omit<NewDelegation, 'delegatorId' | 'delegateId'>,
    createdBy: string,
  ): Promise<string> {
    const row = await first(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO delegations (delegator_id, delegate_id, valid_from, valid_to, kind, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [d.delegatorId, d.delegateId, d.validFrom, d.validTo, d.kind ?? null, createdBy],
    );
    return row!.id;
  }

  /**
   * Ends, now, every delegation from or to these people that has not ended yet: a leaver neither hands work on nor
   * takes anyone's. Answers the delegations it ended.
   */
  endAllOf(userIds: string[]) {
    return updated(
      this.db,
      z.object({ id: z.string(), delegatorId: z.string(), delegateId: z.string() }),
      `UPDATE delegations SET revoked_at = now()
        WHERE revoked_at IS NULL AND valid_to >= ${STOCKHOLM_TODAY}
          AND (delegator_id = ANY($1::uuid[]) OR delegate_id = ANY($1::uuid[]))
        RETURNING id, delegator_id AS "delegatorId", delegate_id AS "delegateId"`,
      [userIds],
    );
  }

  revoke(id: string) {
    return execute(this.db, `UPDATE delegations SET revoked_at = now() WHERE id = $1`, [id]);
  }

  /** The delegations `delegateId` holds on `date` (Stockholm), with the kind each is limited to. */
  activeFor(delegateId: string, date: string) {
    return many(
      this.db,
      activeRow,
      `SELECT delegator_id AS "delegatorId", kind FROM delegations
        WHERE delegate_id = $1 AND revoked_at IS NULL AND valid_from <= $2 AND valid_to >= $2`,
      [delegateId, date],
    );
  }

  /**
   * The delegators `delegateId` stands in for on `date` for a request of `kind`, oldest delegation first, each
   * with whether they hold `role` over `scopeUnitId`.
   */
  standingInFor(q: {
    delegateId: string;
    date: string;
    kind: RequestKind;
    role: string;
    scopeUnitId: string | null;
  }) {
    return many(
      this.db,
      standInRow,
      `SELECT d.delegator_id AS "delegatorId",
              EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = d.delegator_id AND ra.role = $3
                        AND (ra.scope_unit_id IS NULL OR ra.scope_unit_id = $4::uuid)
                        AND ${validOn('ra', '$2::date')}) AS covers
         FROM delegations d
        WHERE d.delegate_id = $1 AND d.revoked_at IS NULL AND d.valid_from <= $2 AND d.valid_to >= $2
          AND (d.kind IS NULL OR d.kind = $5)
        ORDER BY d.created_at`,
      [q.delegateId, q.date, q.role, q.scopeUnitId, q.kind],
    );
  }
}
