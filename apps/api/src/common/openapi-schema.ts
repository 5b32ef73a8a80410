import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** OpenAPI documents the same zod schemas that validate, so the two cannot drift apart. */
export function openApiSchema(schema: z.ZodTypeAny): object {
  const json = zodToJsonSchema(schema as never, { target: 'openApi3', $refStrategy: 'none' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}
