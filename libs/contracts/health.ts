import { z } from 'zod';

const indicators = (description: string) =>
  z
    .record(z.object({ status: z.enum(['up', 'down']), message: z.string().optional() }).passthrough())
    .describe(description);

/** @nestjs/terminus's result (not problem+json: probes and dashboards read it). */
export function healthCheckSchema<S extends [string, ...string[]]>(statuses: S) {
  return z.object({
    status: z.enum(statuses),
    info: indicators('The indicators that are up'),
    error: indicators('The indicators that are down'),
    details: indicators('Every indicator'),
  });
}
