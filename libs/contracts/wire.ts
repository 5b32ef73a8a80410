import { z } from 'zod';

/**
 * The value types of the HTTP edge, shared by every resource's response schema. Ids are uuid strings, calendar
 * dates 'YYYY-MM-DD', money whole kronor.
 */

export const uuid = z.string().uuid();
export const calendarDate = z.string().date();
export const text = z.string();
export const count = z.number().int().min(0);
export const kronor = z.number().int().describe('Whole kronor (SEK)');

/**
 * A point in time. The API serves what it has, a Date from PostgreSQL or an ISO string from a workflow's state,
 * and both reach the client as an ISO date-time string (see `Json`); the OpenAPI document says exactly that.
 */
export const timestamp = z.union([z.date(), z.string().datetime({ offset: true })]);

/** A value as it reaches the client: what JSON.stringify makes of it (a Date becomes its ISO string). */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
