import { z } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';

/** OpenAPI documents the same zod schemas that validate, so the two cannot drift apart. */
export function openApiSchema(schema: z.ZodTypeAny): object {
  const json = zodToJsonSchema(schema as never, { target: 'openApi3', $refStrategy: 'none' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/**
 * A response schema from libs/contracts, as the client receives it: a value that may be a Date on the server (a
 * union with z.date()) is documented as the string it is serialised to.
 */
export function openApiResponseSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  const json = zodToJsonSchema(schema as never, {
    target: 'openApi3',
    $refStrategy: 'none',
    override: (def) => {
      const union = def as z.ZodUnionDef;
      if (union.typeName !== z.ZodFirstPartyTypeKind.ZodUnion) return ignoreOverride;
      const served = union.options.filter((option) => !(option instanceof z.ZodDate));
      if (served.length !== 1 || served.length === union.options.length) return ignoreOverride;
      return {
        ...openApiResponseSchema(served[0]),
        ...(def.description && { description: def.description }),
      };
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return nullInNullableEnums(json) as Record<string, unknown>;
}

/**
 * OpenAPI 3.0.3: `nullable` adds null to the type, not to an `enum`, so a nullable enum must list null itself
 * (validators such as ajv and schemathesis read it so).
 */
function nullInNullableEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullInNullableEnums);
  if (!(node instanceof Object)) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullInNullableEnums(v)]));
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
    out.enum = [...out.enum, null];
  return out;
}
