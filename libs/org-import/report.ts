import type { ImportOutcome } from './import';

/** The outcome as lines for a terminal: the bad rows, or the plan's counts and each change. */
export function reportLines(outcome: ImportOutcome, opts: { detail: number }): string[] {
  if (outcome.problems.length)
    return [
      `${outcome.problems.length} problem(s); nothing was ${outcome.applied ? 'changed' : 'planned'}:`,
      ...outcome.problems.map((p) => `  ${p.sheet} line ${p.line}, ${p.field}: ${p.message}`),
    ];
  const plan = outcome.plan!;
  const count = (items: typeof plan.create, entity: string) =>
    items.filter((i) => i.entity === entity).length;
  const lines = [
    `${outcome.rows.units} unit rows, ${outcome.rows.people} person rows read`,
    `create: ${count(plan.create, 'unit')} units, ${count(plan.create, 'person')} people`,
    `change: ${count(plan.change, 'unit')} units, ${count(plan.change, 'person')} people`,
    `close: ${count(plan.deactivate, 'unit')} units; deactivate: ${count(plan.deactivate, 'person')} people`,
    `unchanged: ${plan.unchanged.units} units, ${plan.unchanged.people} people`,
  ];
  const items = [...plan.change, ...plan.deactivate].slice(0, opts.detail);
  for (const i of items)
    lines.push(`  ${i.entity} ${i.key}: ${JSON.stringify(i.before)} → ${JSON.stringify(i.after)}`);
  lines.push(outcome.applied ? 'applied.' : 'dry run: nothing changed (add --apply to apply).');
  return lines;
}
