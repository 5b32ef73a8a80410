import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PolicyVersionsRepository, type PolicyVersionRow } from '@db/repositories/policy-versions.repository';
import { stockholmDate } from '@domain/calendar';
import { DomainError } from '@domain/errors';
import { recommendingRoute, type RoutingPolicy } from '@domain/policy';
import { previewRoute, validateRoute } from '@domain/route-rules';
import * as contract from '@contracts/policy-versions';
import { parseBody } from '../common/parse-body';
import type { CurrentUser } from '../auth/current-user';
import { DATA_SOURCE } from '../tokens';

/**
 * Route versions: drafts the admin edits, validates, previews and publishes, and the published versions requests
 * are reviewed under. A published version never changes, so it is cached by number for as long as the API runs.
 */
@Injectable()
export class PolicyVersionsService {
  private readonly versions: PolicyVersionsRepository;
  private readonly published = new Map<number, RoutingPolicy>();

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.versions = new PolicyVersionsRepository(dataSource);
  }

  /** The published version `version` (for a request that was submitted under it). */
  async policy(version: number): Promise<RoutingPolicy> {
    const cached = this.published.get(version);
    if (cached) return cached;
    const row = await this.versions.byVersion(version);
    if (!row || row.status !== 'published')
      throw new Error(`routing policy version ${version} is not published`);
    return this.remember(row);
  }

  /** The version in force on `date` (YYYY-MM-DD, Stockholm): what a request submitted that day is reviewed under. */
  async inForceOn(date: string): Promise<RoutingPolicy> {
    const row = await this.versions.inForceOn(date);
    // Version 1 is published from 2000-01-01 by its migration; nothing else can take it away.
    if (!row) throw new Error(`no routing policy version is in force on ${date}`);
    return this.published.get(row.version) ?? this.remember(row);
  }

  private remember(row: PolicyVersionRow): RoutingPolicy {
    const policy: RoutingPolicy = { version: row.version, ...row.policy };
    this.published.set(row.version, policy);
    return policy;
  }

  async list(): Promise<contract.PolicyVersionList> {
    const rows = await this.versions.list();
    const inForce = this.inForceVersion(rows);
    return { items: rows.map((row) => this.view(row, inForce)) };
  }

  /** A published version, for anyone signed in; a draft only for who may edit drafts. */
  async get(version: number, mayEdit: boolean): Promise<contract.PolicyVersion> {
    const row = await this.versions.byVersion(version);
    if (!row || (row.status === 'draft' && !mayEdit))
      throw new DomainError('not_found', `No route version ${version}`);
    return this.view(row, this.inForceVersion(await this.versions.list()));
  }

  async inForce(): Promise<contract.PolicyVersion> {
    const today = stockholmDate(new Date());
    const row = await this.versions.inForceOn(today);
    if (!row) throw new DomainError('not_found', `No route version is in force on ${today}`);
    return this.view(row, row.version);
  }

  async createDraft(body: unknown, user: CurrentUser): Promise<contract.PolicyVersion> {
    const { copyOf, template } = parseBody(contract.newDraftSchema, body);
    if (template === 'recommending') {
      const { version: _number, ...policy } = recommendingRoute(0);
      const row = await this.dataSource.transaction((db) =>
        new PolicyVersionsRepository(db).insertDraft({ policy, copiedFrom: null, createdBy: user.id }),
      );
      return this.view(row, undefined);
    }
    const source =
      copyOf === undefined
        ? await this.versions.inForceOn(stockholmDate(new Date()))
        : await this.versions.byVersion(copyOf);
    if (!source)
      throw new DomainError('unprocessable', 'No such version to copy', [
        { field: 'copyOf', message: `is not a route version` },
      ]);
    const row = await this.dataSource.transaction((db) =>
      new PolicyVersionsRepository(db).insertDraft({
        policy: source.policy,
        copiedFrom: source.version,
        createdBy: user.id,
      }),
    );
    return this.view(row, undefined);
  }

  /** Saves a draft whose shape is right; the domain rules' problems come back with it and stop only publication. */
  async updateDraft(version: number, body: unknown): Promise<contract.PolicyVersion> {
    const { draft, problems } = validateRoute(body);
    if (!draft) throw new DomainError('validation_failed', 'The route has invalid fields', problems);
    const row = (await this.versions.updateDraft(version, draft)) ?? (await this.refuseChange(version));
    return this.view(row, undefined);
  }

  async validate(version: number): Promise<contract.RouteValidation> {
    const row = await this.existing(version);
    const { problems } = validateRoute(row.policy);
    return { valid: problems.length === 0, problems };
  }

  async preview(version: number, body: unknown): Promise<contract.RoutePreview> {
    const row = await this.existing(version);
    const facts = parseBody(contract.previewRequestSchema, body);
    const { draft, problems } = validateRoute(row.policy);
    if (!draft) throw new DomainError('unprocessable', 'The stored route cannot be read', problems);
    const preview = previewRoute(
      { version: row.version, ...draft },
      {
        kind: facts.kind,
        newPermanentPosition: facts.kind === 'hire' && facts.newPermanentPosition,
        urgent: facts.kind === 'agency_call_off' && facts.urgent,
        monthlyCostSek: facts.kind === 'hire' ? facts.monthlyCostSek : undefined,
        occupationalCategory: facts.occupationalCategory,
        callOff:
          facts.kind === 'agency_call_off' && facts.estimatedCostSek !== undefined
            ? { estimatedCostSek: facts.estimatedCostSek }
            : undefined,
      },
      facts.submittedAt ? new Date(facts.submittedAt) : new Date(),
    );
    return preview;
  }

  async publish(version: number, body: unknown, user: CurrentUser): Promise<contract.PolicyVersion> {
    const p = parseBody(contract.publishSchema, body);
    const today = stockholmDate(new Date());
    const row = await this.dataSource.transaction(async (db) => {
      const versions = new PolicyVersionsRepository(db);
      // One publication at a time: the check of the latest start and the update must not interleave with another.
      await db.query(`LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE`);
      const draft = await versions.byVersion(version);
      if (!draft) throw new DomainError('not_found', `No route version ${version}`);
      if (draft.status !== 'draft')
        throw new DomainError('conflict', `Version ${version} is already published`);
      const { problems } = validateRoute(draft.policy);
      const latest = await versions.latestValidFrom();
      if (p.validFrom < today)
        problems.push({ field: 'validFrom', message: `must be today (${today}) or later` });
      else if (latest && p.validFrom <= latest)
        problems.push({
          field: 'validFrom',
          message: `must be after ${latest}, the start of the latest published version`,
        });
      if (p.decidedOn > today) problems.push({ field: 'decidedOn', message: 'must not be in the future' });
      if (problems.length)
        throw new DomainError('unprocessable', `Version ${version} cannot be published`, problems);
      return versions.publish(version, { ...p, decidedBy: p.decidedBy ?? null, publishedBy: user.id });
    });
    return this.view(row!, p.validFrom <= today ? row!.version : undefined);
  }

  private async existing(version: number): Promise<PolicyVersionRow> {
    const row = await this.versions.byVersion(version);
    if (!row) throw new DomainError('not_found', `No route version ${version}`);
    return row;
  }

  private async refuseChange(version: number): Promise<never> {
    await this.existing(version);
    throw new DomainError(
      'conflict',
      `Version ${version} is published and never changes; copy it into a new draft`,
    );
  }

  private inForceVersion(rows: PolicyVersionRow[]): number | undefined {
    const today = stockholmDate(new Date());
    return rows
      .filter((r) => r.status === 'published' && r.validFrom! <= today)
      .sort((a, b) => (a.validFrom! < b.validFrom! ? 1 : -1))[0]?.version;
  }

  private view(row: PolicyVersionRow, inForce: number | undefined): contract.PolicyVersion {
    const today = stockholmDate(new Date());
    const state =
      row.status === 'draft'
        ? 'draft'
        : row.version === inForce
          ? 'in_force'
          : row.validFrom! > today
            ? 'coming'
            : 'past';
    return {
      version: row.version,
      state,
      policy: row.policy as contract.PolicyVersion['policy'],
      copiedFrom: row.copiedFrom,
      validFrom: row.validFrom,
      decisionRef: row.decisionRef,
      decidedBy: row.decidedBy,
      decidedOn: row.decidedOn,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      publishedAt: row.publishedAt,
      problems: row.status === 'draft' ? validateRoute(row.policy).problems : [],
    };
  }
}
