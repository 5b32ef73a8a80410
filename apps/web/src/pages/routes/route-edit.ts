import type { RouteDraft } from '@domain/route-rules';
import type { RequestKind } from '@domain/enums';
import type { StageCondition, StagePolicy } from '@domain/policy';

/** Pure edits of a route draft for the editor: each returns a new draft, the old one untouched. */
export type Stage = RouteDraft['routes'][RequestKind][number];

export function withStages(
  draft: RouteDraft,
  kind: RequestKind,
  edit: (stages: Stage[]) => Stage[],
): RouteDraft {
  return { ...draft, routes: { ...draft.routes, [kind]: edit([...draft.routes[kind]]) } };
}

export function replaceStage(draft: RouteDraft, kind: RequestKind, index: number, stage: Stage): RouteDraft {
  return withStages(draft, kind, (stages) => stages.map((s, i) => (i === index ? stage : s)));
}

export function moveStage(draft: RouteDraft, kind: RequestKind, index: number, by: -1 | 1): RouteDraft {
  return withStages(draft, kind, (stages) => {
    const to = index + by;
    if (to < 0 || to >= stages.length) return stages;
    [stages[index], stages[to]] = [stages[to], stages[index]];
    return stages;
  });
}

export function removeStage(draft: RouteDraft, kind: RequestKind, index: number): RouteDraft {
  return withStages(draft, kind, (stages) => stages.filter((_, i) => i !== index));
}

export const NEW_STAGE: Stage = {
  name: 'executive_decision',
  mode: 'deciding',
  role: 'executive',
  scope: 'region',
  deadline: { businessDays: 5 },
  escalations: [],
};

/** A stage's conditions as one list for the editor: version 1's bare string becomes the list it means. */
export function conditionsOf(stage: Pick<StagePolicy, 'when' | 'unless'>) {
  const when =
    stage.when === 'new_permanent_position'
      ? [{ type: 'new_permanent_position' as const }]
      : (stage.when ?? []);
  return [
    ...when.map((c) => ({ list: 'when' as const, condition: c })),
    ...(stage.unless ?? []).map((c) => ({ list: 'unless' as const, condition: c })),
  ];
}
export type EditedCondition = ReturnType<typeof conditionsOf>[number];

export function withConditions<S extends Stage>(stage: S, conditions: EditedCondition[]): S {
  const of = (list: 'when' | 'unless') =>
    conditions.filter((c) => c.list === list).map((c) => c.condition as StageCondition);
  const { when: _w, unless: _u, ...rest } = stage;
  const when = of('when');
  const unless = of('unless');
  return { ...rest, ...(when.length ? { when } : {}), ...(unless.length ? { unless } : {}) } as S;
}

export function conditionOfType(type: StageCondition['type']): StageCondition {
  if (type === 'cost_above') return { type, sek: 1_000_000 };
  if (type === 'category_in') return { type, categories: [] };
  return { type };
}

/** A duration's amount, whichever unit it is in. */
export const amountOf = (d: { businessDays: number } | { hours: number }) =>
  'hours' in d ? d.hours : d.businessDays;

/** What people type into a number field: a number, or NaN that the API then names. */
export const typed = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));
