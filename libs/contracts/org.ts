import { z } from 'zod';
import { kronor, text, uuid } from './wire';

export const divisionSchema = z.object({
  id: uuid,
  code: text,
  name: text,
  budgetSek: kronor.nullable(),
  units: z.array(z.object({ id: uuid, code: text, name: text })),
});
export type Division = z.infer<typeof divisionSchema>;

/** Every division by code, each with its units. */
export const divisionsSchema = z.array(divisionSchema);
