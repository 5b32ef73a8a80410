import { z } from 'zod';
import { timestamp } from '@contracts/wire';
import { openApiResponseSchema, openApiSchema } from './openapi-schema';

describe('response schemas in the OpenAPI document', () => {
  it('documents a timestamp the server holds as Date or ISO string as one date-time string', () => {
    const schema = z.object({
      at: timestamp,
      until: timestamp.nullable(),
      since: timestamp.describe('From'),
    });
    expect(openApiResponseSchema(schema).properties).toEqual({
      at: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time', nullable: true },
      since: { type: 'string', format: 'date-time', description: 'From' },
    });
  });

  it('leaves a union without a Date member as zod-to-json-schema writes it', () => {
    const either = z.union([z.string().uuid(), z.number().int()]);
    expect(openApiResponseSchema(either)).toEqual(openApiSchema(either));
  });

  it('lists null in a nullable enum, as OpenAPI 3.0.3 requires; inputs keep their schema', () => {
    const kind = z.object({ kind: z.enum(['hire', 'agency_call_off']).nullable() });
    expect(openApiResponseSchema(kind).properties).toEqual({
      kind: { type: 'string', enum: ['hire', 'agency_call_off', null], nullable: true },
    });
    expect((openApiSchema(kind) as { properties: object }).properties).toEqual({
      kind: { type: 'string', enum: ['hire', 'agency_call_off'], nullable: true },
    });
  });

  it('closes every object: a field the contract lacks is not documented', () => {
    expect(openApiResponseSchema(z.object({ id: z.string() }))).toMatchObject({
      additionalProperties: false,
    });
  });
});
