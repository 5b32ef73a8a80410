import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, REVIEWER_ROLES } from '@domain/enums';
import { STAGE_NAMES } from '@domain/policy';
import { routeDraftSchema } from '@domain/route-rules';
import { isoDate } from '@domain/schema-parts';
import { calendarDate, count, text, timestamp } from './wire';

/** Where a version stands on the timeline: drafts, the one in force today, coming ones, and past ones. */
export const POLICY_VERSION_STATES = ['draft', 'in_force', 'coming', 'past'] as const;

/** A route version's number as it is stored (a PostgreSQL integer); larger numbers are no version. */
export const versionNumber = z
  .number()
  .int('must be a whole number')
  .min(1)
  .max(2_147_483_647, 'is not a route version');

export const fieldProblemSchema = z.object({ field: text, message: text });

export const policyVersionSchema = z.object({
  version: z.number().int().min(1),
  state: z.enum(POLICY_VERSION_STATES),
  policy: routeDraftSchema.describe('The route: stages per kind, deadlines, conditions, approval validity'),
  copiedFrom: z.number().int().nullable(),
  validFrom: calendarDate.nullable(),
  decisionRef: text.nullable(),
  decidedBy: text.nullable(),
  decidedOn: calendarDate.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  publishedAt: timestamp.nullable(),
  /** Drafts: what would stop publication, each at its field (empty when it may be published). */
  problems: z.array(fieldProblemSchema),
});
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export const policyVersionListSchema = z.object({ items: z.array(policyVersionSchema) });
export type PolicyVersionList = z.infer<typeof policyVersionListSchema>;

export const validationSchema = z.object({ valid: z.boolean(), problems: z.array(fieldProblemSchema) });
export type RouteValidation = z.infer<typeof validationSchema>;

/**
 * A new draft: a copy of a version (by default the one in force today), or the route for new regions
 * (`template: "recommending"`: HR recommends, the director decides, the executive decides a new permanent position).
 */
export const newDraftSchema = z
  .object({
    copyOf: versionNumber.optional(),
    template: z
      .enum(['recommending'])
      .optional()
      .describe('Start from the route for new regions instead of a copy'),
  })
  .strict()
  .refine((b) => !(b.copyOf !== undefined && b.template !== undefined), {
    message: 'give copyOf or template, not both',
    path: ['template'],
  });

/** The facts of an example request that decide its route, for a preview. */
export const previewRequestSchema = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    newPermanentPosition: z.boolean().default(false),
    urgent: z.boolean().default(false),
    monthlyCostSek: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Hires: the monthly cost (×12 for cost conditions)'),
    estimatedCostSek: z.number().int().min(0).optional().describe('Call-offs: the estimated total'),
    occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES).optional(),
    submittedAt: z
      .string()
      .datetime({ offset: true })
      // An offset beyond ±14:00 or a year the calendar does not hold (its holidays start in 1900) is no real
      // submission instant: refused at the field rather than failing in the deadline computation.
      .refine((v) => {
        const offset = /([+-])(\d{2}):(\d{2})$/.exec(v);
        const year = new Date(v).getUTCFullYear();
        return (
          (!offset || Number(offset[2]) * 60 + Number(offset[3]) <= 14 * 60) && year >= 1900 && year <= 9999
        );
      }, 'must be an instant from 1900 on, with an offset within ±14:00')
      .optional()
      .describe('Default: now'),
  })
  .strict();

export const previewSchema = z.object({
  stages: z.array(
    z.object({
      name: z.string().describe(`One of ${STAGE_NAMES.join(', ')} (a draft may still name another)`),
      mode: z.enum(['deciding', 'recommending']),
      role: z.string().describe(`One of ${REVIEWER_ROLES.join(', ')} (a draft may still name another)`),
      scope: z.enum(['division', 'region']),
      opensAt: timestamp,
      dueAt: timestamp,
    }),
  ),
  decidedBy: timestamp.optional().describe('The last stage’s deadline, when each stage takes its whole time'),
  approvalValidDays: count.optional(),
});
export type RoutePreview = z.infer<typeof previewSchema>;

export const publishSchema = z
  .object({
    validFrom: isoDate,
    decisionRef: z.string().trim().min(1, 'is required').max(200),
    decidedBy: z.string().trim().min(1).max(200).optional(),
    decidedOn: isoDate,
  })
  .strict();
