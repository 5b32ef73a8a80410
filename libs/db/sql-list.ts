/**
 * A list of the domain's own string literals (statuses, outcomes) as SQL, for `IN (…)`: the statements read
 * these lists from libs/domain instead of spelling them out. Never for user input, which goes in parameters.
 */
export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
