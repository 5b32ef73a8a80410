import type { SchemaObject } from '@nestjs/swagger';
import { STAGE_NAMES } from '@domain/enums';
import { arrayOf, nullable, object } from '../common/openapi-responses';
import { BREAKDOWN_DIMENSIONS } from './stats-params';

const count: SchemaObject = { type: 'integer', minimum: 0 };
const kronor: SchemaObject = { type: 'number', description: 'Whole kronor (SEK)' };
const share: SchemaObject = nullable({
  type: 'number',
  minimum: 0,
  maximum: 1,
  description: 'null when nothing to divide',
});
const number: SchemaObject = { type: 'number' };
const date: SchemaObject = { type: 'string', format: 'date' };
const text: SchemaObject = { type: 'string' };
const percentiles = (unit: string): SchemaObject =>
  object({
    p50: nullable({ ...number, description: `median, ${unit}` }),
    p90: nullable({ ...number, description: `90th percentile, ${unit}` }),
  });

const stageMeasureProperties = {
  decided: count,
  withinDeadline: count,
  withinDeadlineShare: share,
  escalations: count,
};
const stageMeasures = object(stageMeasureProperties);

const measures: Record<string, SchemaObject> = {
  submitted: { ...count, description: 'Submitted and subject to review' },
  notReviewed: object({ exempted: count, notRequired: count }),
  decided: object({ approved: count, approvedWithConditions: count, rejected: count, withdrawn: count }),
  approvalRate: share,
  leadTimeBusinessDays: percentiles('business days on the deadline calendar'),
  leadTimeHours: percentiles('elapsed hours (whole days above 48 h)'),
  withinDeadlineShare: share,
  escalations: count,
  cost: object({
    requested: kronor,
    approved: kronor,
    rejected: { ...kronor, description: 'The cost avoided' },
  }),
  agencyCost: { ...kronor, description: 'Approved cost of agency call-offs' },
  stages: object(Object.fromEntries(STAGE_NAMES.map((s) => [s, stageMeasures]))),
};

const open = object({ total: count, byAge: arrayOf(object({ band: text, count })) });

export const summarySchema = object({ from: date, to: date, ...measures, open });

export const timeseriesSchema = object({
  from: date,
  to: date,
  interval: { type: 'string', enum: ['month', 'week'] },
  points: arrayOf(object({ period: date, ...measures, agencyCostPreviousYear: kronor })),
});

const budget: SchemaObject = object({
  frameSek: nullable(kronor),
  staffCostSek: nullable(kronor),
  agencyShareOfStaffCost: share,
  nationalAim: number,
});

export const breakdownSchema = object({
  from: date,
  to: date,
  by: { type: 'string', enum: [...BREAKDOWN_DIMENSIONS] },
  groups: arrayOf({
    oneOf: [
      // by division, unit, category or kind: every measure; a division also its budget frame
      {
        type: 'object',
        required: ['key', 'label', ...Object.keys(measures), 'open'],
        properties: { key: text, label: text, ...measures, open, budget },
      },
      // by stage: the stage's own measures
      object({ key: text, label: text, ...stageMeasureProperties }),
    ],
  }),
});
