/**
 * A row with `valid_from`/`valid_to` (a role assignment, a unit) counts on the Stockholm calendar days of its
 * period (inclusive; null ends are open): a stand-in's extra role ends by itself at midnight whatever the server's
 * time zone, a role the import ended grants nothing from the next day, and a closed unit takes nothing new. Every
 * statement that asks whether such a row is in force asks this.
 */
export const STOCKHOLM_TODAY = `(now() AT TIME ZONE 'Europe/Stockholm')::date`;

export function validOn(alias: string, dateSql: string = STOCKHOLM_TODAY): string {
  return `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${dateSql})
   AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${dateSql})`;
}
