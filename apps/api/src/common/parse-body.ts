import type { z } from 'zod';
import { DomainError } from '@domain/errors';
import { zodProblems } from '@domain/schema-parts';

/** Validates a body against a schema at the edge; a failure is a 400 naming each bad field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new DomainError('validation_failed', 'The body has invalid fields', zodProblems(parsed.error));
  return parsed.data;
}
