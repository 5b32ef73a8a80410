import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import {
  OCCUPATIONAL_CATEGORIES,
  OUTCOMES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  ROLES,
  STAGE_NAMES,
} from '@domain/enums';
import { callOffInputSchema, hireInputSchema } from '@domain/request-input';
import { openApiSchema } from './openapi-schema';

/**
 * The response shapes of the API, as plain OpenAPI 3.0 schemas, written from what the services return (not from
 * what would be nice): a later contract test checks real responses against them. Ids are uuid strings, calendar
 * dates 'YYYY-MM-DD', timestamps ISO date-times, money whole kronor.
 */

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const nullableUuid: SchemaObject = { ...uuid, nullable: true };
const date: SchemaObject = { type: 'string', format: 'date', example: '2026-03-31' };
const nullableDate: SchemaObject = { ...date, nullable: true };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const nullableDateTime: SchemaObject = { ...dateTime, nullable: true };
const text: SchemaObject = { type: 'string' };
const nullableText: SchemaObject = { type: 'string', nullable: true };
const integer: SchemaObject = { type: 'integer' };
const kronor: SchemaObject = { type: 'integer', description: 'Whole kronor (SEK)' };
const boolean: SchemaObject = { type: 'boolean' };
const anyObject: SchemaObject = { type: 'object', additionalProperties: true };

const requestKind: SchemaObject = { type: 'string', enum: [...REQUEST_KINDS] };
const requestStatus: SchemaObject = { type: 'string', enum: [...REQUEST_STATUSES] };
const stageName: SchemaObject = { type: 'string', enum: [...STAGE_NAMES] };
const outcome: SchemaObject = { type: 'string', enum: [...OUTCOMES] };
const role: SchemaObject = { type: 'string', enum: [...ROLES] };
const occupationalCategory: SchemaObject = { type: 'string', enum: [...OCCUPATIONAL_CATEGORIES] };

/** An object schema whose every listed property is always present. */
export function object(properties: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', required: Object.keys(properties), properties };
}

export function arrayOf(items: SchemaObject): SchemaObject {
  return { type: 'array', items };
}

export function nullable(schema: SchemaObject): SchemaObject {
  return { ...schema, nullable: true };
}

// ---- errors ----------------------------------------------------------------------------------------------------

/** RFC 9457 problem details, the one error shape of the API (see problem.ts and problem.filter.ts). */
export const problemSchema: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'https://provning.se/problems/400' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path that was called' },
    errors: {
      type: 'array',
      description: 'The offending fields, when the problem is about the input',
      items: object({
        field: {
          type: 'string',
          description: 'Dotted path of the field, e.g. `fte` or `alternativesTried.0`',
        },
        message: { type: 'string' },
      }),
    },
  },
};

/** Schemas the document holds once under components.schemas (create-api.ts adds them). */
export const COMPONENT_SCHEMAS: Record<string, SchemaObject> = { Problem: problemSchema };
/** The content of an error response: problem+json. */
export const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503;

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The input is not valid; `errors` names the bad fields where it can',
  401: 'No valid bearer token (answered with WWW-Authenticate: Bearer)',
  403: 'The caller may not do this',
  404: 'Not found',
  409: 'The request conflicts with the current state',
  413: 'The body is larger than this API accepts',
  422: 'The input is well-formed but refers to something that does not fit',
  503: 'A dependency is unavailable; try again after Retry-After seconds',
};

const HEADERS: Partial<Record<ProblemStatus, Record<string, { description: string; schema: SchemaObject }>>> =
  {
    401: { 'WWW-Authenticate': { description: 'The Bearer challenge', schema: { type: 'string' } } },
    503: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } } },
  };

/**
 * Documents error responses as application/problem+json. Each entry is a status, or a status with a description
 * of when this endpoint answers it.
 */
export function ApiProblems(...entries: (ProblemStatus | [ProblemStatus, string])[]) {
  return applyDecorators(
    ...entries.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, PROBLEM_DESCRIPTIONS[entry]];
      return ApiResponse({
        status,
        description,
        content: problemContent,
        ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
      });
    }),
  );
}

// ---- users and organisation ------------------------------------------------------------------------------------

export const currentUserSchema: SchemaObject = object({
  id: uuid,
  username: text,
  displayName: text,
  grants: arrayOf(
    object({
      role,
      scopeUnitId: { ...nullableUuid, description: 'A division or unit; null for the region' },
    }),
  ),
});

/** A user one may sign in as in dev mode: who, and with which roles. */
export const devUserSchema: SchemaObject = object({
  username: text,
  displayName: text,
  grants: (currentUserSchema.properties as Record<string, SchemaObject>).grants,
});

export const devLoginResponseSchema: SchemaObject = object({
  token: { type: 'string', description: 'A bearer token (JWT)' },
  expiresAt: dateTime,
  user: currentUserSchema,
});

export const divisionSchema: SchemaObject = object({
  id: uuid,
  code: text,
  name: text,
  budgetSek: { ...kronor, nullable: true },
  units: arrayOf(object({ id: uuid, code: text, name: text })),
});

// ---- review periods, exemptions, delegations -------------------------------------------------------------------

export const reviewPeriodSchema: SchemaObject = object({
  id: uuid,
  kind: requestKind,
  validFrom: date,
  validTo: date,
  decisionRef: text,
  decidedBy: text,
  decidedOn: date,
  extendsId: { ...nullableUuid, description: 'The period this one extends' },
  createdAt: dateTime,
});

export const exemptionSchema: SchemaObject = object({
  id: uuid,
  scopeUnitId: uuid,
  kind: requestKind,
  occupationalCategories: {
    ...arrayOf(occupationalCategory),
    description: 'Empty: every occupational category',
  },
  validFrom: date,
  validTo: date,
  costCeilingSek: { ...kronor, nullable: true },
  reason: text,
  decisionRef: text,
  grantedBy: uuid,
  createdAt: dateTime,
  revokedAt: nullableDateTime,
  revokedBy: nullableUuid,
});

export const delegationSchema: SchemaObject = object({
  id: uuid,
  delegatorId: uuid,
  delegatorName: text,
  delegateId: uuid,
  delegateName: text,
  validFrom: date,
  validTo: date,
  kind: { ...requestKind, nullable: true, description: 'null: every kind' },
  createdBy: uuid,
  createdAt: dateTime,
  revokedAt: nullableDateTime,
});

// ---- requests --------------------------------------------------------------------------------------------------

const assignees: SchemaObject = arrayOf(object({ role, scopeUnitId: nullableUuid }));

/** An open stage as the review workflow reports it. */
export const openStageSchema: SchemaObject = {
  type: 'object',
  required: ['stageId', 'name', 'round', 'openedAt', 'dueAt', 'escalationLevel', 'assignees'],
  properties: {
    stageId: uuid,
    name: stageName,
    round: integer,
    openedAt: dateTime,
    dueAt: dateTime,
    escalationLevel: integer,
    assignees: { ...assignees, description: 'Roles that may decide now, each with its scope' },
    assigneeUserId: { ...uuid, description: 'Set when the stage was reassigned to one reviewer' },
  },
};

/** The fields every view of a request has. */
const requestSummaryProperties: Record<string, SchemaObject> = {
  id: uuid,
  kind: requestKind,
  status: requestStatus,
  statusReason: nullableText,
  reviewRequired: boolean,
  periodId: nullableUuid,
  exemptionId: nullableUuid,
  policyVersion: { ...integer, nullable: true },
  unitId: uuid,
  divisionId: uuid,
  requesterId: uuid,
  occupationalCategory,
  costSek: { ...kronor, description: 'Monthly cost of a hire, estimated total of a call-off' },
  submittedAt: dateTime,
  decidedAt: nullableDateTime,
  validUntil: nullableDate,
};

export const requestSummarySchema: SchemaObject = object({
  ...requestSummaryProperties,
  currentStage: nullable(object({ name: stageName, dueAt: dateTime })),
});

export const requestListSchema: SchemaObject = object({
  items: arrayOf(requestSummarySchema),
  page: integer,
  pageSize: integer,
  total: integer,
});

export const submissionSchema: SchemaObject = object({
  id: uuid,
  status: requestStatus,
  reviewRequired: boolean,
  periodId: nullableUuid,
  exemptionId: nullableUuid,
  currentStage: nullable(object({ name: stageName, dueAt: dateTime, assignees })),
});

export const stageSchema: SchemaObject = object({
  id: uuid,
  name: stageName,
  round: integer,
  assigneeRole: role,
  assigneeScopeUnitId: nullableUuid,
  openedAt: dateTime,
  dueAt: dateTime,
  escalationLevel: integer,
  closedAt: nullableDateTime,
  outcome: { type: 'string', enum: [...OUTCOMES, 'withdrawn'], nullable: true },
});

export const decisionSchema: SchemaObject = object({
  id: uuid,
  stage: stageName,
  outcome,
  actorId: uuid,
  actorName: text,
  onBehalfOfId: nullableUuid,
  comment: nullableText,
  conditions: nullableText,
  validUntil: nullableDate,
  decidedAt: dateTime,
});

/** The submitted fields of a request of one kind, as validated on submission (and on resubmission). */
function payloadOf(schema: Parameters<typeof openApiSchema>[0]): SchemaObject {
  const { properties, required } = openApiSchema(schema) as {
    properties: Record<string, SchemaObject>;
    required?: string[];
  };
  return { type: 'object', required, properties };
}

export const requestDetailSchema: SchemaObject = {
  type: 'object',
  description: 'The request: its record, the fields submitted for its kind, its stages and decisions',
  required: [...Object.keys(requestSummaryProperties), 'currentStage', 'stages', 'decisions'],
  properties: {
    ...requestSummaryProperties,
    currentStage: nullable(object({ name: stageName, dueAt: dateTime, escalationLevel: integer })),
    stages: arrayOf(stageSchema),
    decisions: arrayOf(decisionSchema),
  },
  oneOf: [payloadOf(hireInputSchema), payloadOf(callOffInputSchema)],
};

export const timelineEventSchema: SchemaObject = object({
  id: { type: 'string', pattern: '^[0-9]+$', description: 'The audit event number' },
  type: { type: 'string', example: 'submitted' },
  at: dateTime,
  actorId: nullableUuid,
  actorName: nullableText,
  data: anyObject,
});

export const decisionResultSchema: SchemaObject = {
  type: 'object',
  required: ['decisionId', 'stage', 'outcome', 'status', 'decidedAt'],
  properties: {
    decisionId: uuid,
    stage: stageName,
    outcome,
    status: requestStatus,
    decidedAt: dateTime,
    validUntil: { ...nullableDate, description: 'Until when an approval holds' },
    nextStage: { ...openStageSchema, description: 'The stage opened next, if any' },
  },
};

export const resubmissionSchema: SchemaObject = object({
  id: uuid,
  status: requestStatus,
  currentStage: nullable(openStageSchema),
});

export const reassignmentSchema: SchemaObject = object({ id: uuid, currentStage: openStageSchema });

export const withdrawalSchema: SchemaObject = object({ id: uuid, status: requestStatus });

// ---- inbox and notifications -----------------------------------------------------------------------------------

export const inboxItemSchema: SchemaObject = object({
  requestId: uuid,
  stage: stageName,
  round: integer,
  dueAt: dateTime,
  overdue: boolean,
  escalationLevel: integer,
  delegated: boolean,
  onBehalfOfId: { ...nullableUuid, description: 'The absent reviewer the caller stands in for' },
  kind: requestKind,
  unitId: uuid,
  unitName: text,
  divisionId: uuid,
  divisionName: text,
  requesterName: text,
  occupationalCategory,
  summary: { type: 'string', description: 'The title of a hire; supplier and period of a call-off' },
  urgent: boolean,
  costSek: kronor,
  submittedAt: dateTime,
});

export const inboxSchema: SchemaObject = object({
  items: arrayOf(inboxItemSchema),
  total: integer,
  page: integer,
  pageSize: integer,
});

export const notificationSchema: SchemaObject = object({
  id: uuid,
  type: { type: 'string', example: 'stage_opened' },
  requestId: nullableUuid,
  data: anyObject,
  createdAt: dateTime,
  readAt: nullableDateTime,
});

export const notificationListSchema: SchemaObject = object({
  items: arrayOf(notificationSchema),
  total: integer,
  unread: integer,
  page: integer,
  pageSize: integer,
});

// ---- operations ------------------------------------------------------------------------------------------------

function healthIndicators(description: string): SchemaObject {
  return {
    type: 'object',
    description,
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
      additionalProperties: true,
    },
  };
}

/** @nestjs/terminus's result (not problem+json: probes and dashboards read it). */
export function healthCheckSchema(statuses: string[]): SchemaObject {
  return object({
    status: { type: 'string', enum: statuses },
    info: healthIndicators('The indicators that are up'),
    error: healthIndicators('The indicators that are down'),
    details: healthIndicators('Every indicator'),
  });
}
