import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Every operation that takes query parameters, path parameters or a body can answer 400: unknown query
 * parameters and malformed values are refused by the strict schemas. Controllers document it case by case; this
 * adds the 400 where one was forgotten (schemathesis found GET /delegations and GET /exemptions without it), so
 * the document never promises less than the API does.
 */
export function documentInputErrors(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation || operation.responses['400']) continue;
      const takesInput =
        operation.requestBody !== undefined ||
        (operation.parameters ?? []).some((p) => 'in' in p && (p.in === 'query' || p.in === 'path'));
      if (!takesInput) continue;
      operation.responses['400'] = {
        description: 'The input is not valid; `errors` names the bad fields where it can',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
}
