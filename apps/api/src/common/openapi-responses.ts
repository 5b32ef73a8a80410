import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { problemSchema } from '@contracts/problem';
import { openApiResponseSchema } from './openapi-schema';

/**
 * The error side of the document: every error is RFC 9457 problem details, held once under
 * components.schemas. The success shapes are the zod schemas of libs/contracts (see openApiResponseSchema).
 */

/** Schemas the document holds once under components.schemas (create-api.ts adds them). */
export const COMPONENT_SCHEMAS: Record<string, SchemaObject> = {
  Problem: openApiResponseSchema(problemSchema) as SchemaObject,
};
/** The content of an error response: problem+json. */
export const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The input is not valid; `errors` names the bad fields where it can',
  401: 'No valid bearer token (answered with WWW-Authenticate: Bearer)',
  403: 'The caller may not do this',
  404: 'Not found',
  409: 'The request conflicts with the current state',
  413: 'The body is larger than this API accepts',
  415: 'The body is of a media type this operation does not read',
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
