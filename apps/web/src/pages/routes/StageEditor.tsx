import { useTranslation } from 'react-i18next';
import { OCCUPATIONAL_CATEGORIES, REVIEWER_ROLES, type RequestKind } from '@domain/enums';
import { CONDITION_TYPES, STAGE_NAMES, type StageCondition } from '@domain/policy';
import { type ControlProps, Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import {
  amountOf,
  conditionOfType,
  conditionsOf,
  typed,
  withConditions,
  type EditedCondition,
  type Stage,
} from './route-edit';

interface Props {
  kind: RequestKind;
  index: number;
  count: number;
  stage: Stage;
  /** Problems by field path (`routes.hire[1].deadline`). */
  problems: Record<string, string>;
  onChange(stage: Stage): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

const costOf = (c: StageCondition) => (c.type === 'cost_above' && !Number.isNaN(c.sek) ? c.sek : '');

/** One stage of a draft route: its fields, escalation levels and conditions, each with its problem. */
export function StageEditor({ kind, index, count, stage, problems, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const path = `routes.${kind}[${index}]`;
  const err = (field: string) => problems[`${path}.${field}`];
  const set = (patch: Partial<Stage>) => onChange({ ...stage, ...patch });
  const title = t('routes.stageTitle', { n: index + 1, name: t(`stage.${stage.name}`, stage.name) });
  const conditions = conditionsOf(stage);
  const setConditions = (next: EditedCondition[]) => onChange(withConditions(stage, next));
  const editCondition = (i: number, c: EditedCondition) =>
    setConditions(conditions.map((x, j) => (j === i ? c : x)));

  return (
    <fieldset className="card route-stage" aria-label={title}>
      <legend>{title}</legend>
      <div className="row">
        <Field label={t('routes.name')} error={err('name')}>
          {(c) => (
            <select
              {...controlAttrs(c)}
              value={stage.name}
              onChange={(e) => set({ name: e.target.value as Stage['name'] })}
            >
              {STAGE_NAMES.map((n) => (
                <option key={n} value={n}>
                  {t(`stage.${n}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('routes.mode')} error={err('mode')}>
          {(c) => (
            <select
              {...controlAttrs(c)}
              value={stage.mode ?? 'deciding'}
              onChange={(e) => set({ mode: e.target.value as Stage['mode'] })}
            >
              <option value="deciding">{t('routes.modeName.deciding')}</option>
              <option value="recommending">{t('routes.modeName.recommending')}</option>
            </select>
          )}
        </Field>
        <Field label={t('routes.role')} error={err('role')}>
          {(c) => <RoleSelect control={c} value={stage.role} onChange={(role) => set({ role })} />}
        </Field>
        <Field label={t('routes.scope')} error={err('scope')}>
          {(c) => <ScopeSelect control={c} value={stage.scope} onChange={(scope) => set({ scope })} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('routes.deadline')} hint={t('routes.daysHint')} error={err('deadline')}>
          {(c) => (
            <input
              type="number"
              min={1}
              {...controlAttrs(c)}
              value={Number.isNaN(amountOf(stage.deadline)) ? '' : amountOf(stage.deadline)}
              onChange={(e) => set({ deadline: { businessDays: typed(e.target.value) } })}
            />
          )}
        </Field>
        <Field label={t('routes.reminder')} hint={t('routes.reminderHint')} error={err('reminderAfter')}>
          {(c) => (
            <input
              type="number"
              min={1}
              {...controlAttrs(c)}
              value={stage.reminderAfter ? amountOf(stage.reminderAfter) : ''}
              onChange={(e) => {
                const { reminderAfter: _r, ...rest } = stage;
                onChange(
                  e.target.value === ''
                    ? rest
                    : { ...rest, reminderAfter: { businessDays: typed(e.target.value) } },
                );
              }}
            />
          )}
        </Field>
        {kind === 'agency_call_off' && (
          <Field
            label={t('routes.urgentDeadline')}
            hint={t('routes.urgentHint')}
            error={err('urgentDeadline')}
          >
            {(c) => (
              <input
                type="number"
                min={1}
                {...controlAttrs(c)}
                value={stage.urgentDeadline?.hours ?? ''}
                onChange={(e) => {
                  const { urgentDeadline: _u, ...rest } = stage;
                  onChange(
                    e.target.value === ''
                      ? rest
                      : { ...rest, urgentDeadline: { hours: typed(e.target.value) } },
                  );
                }}
              />
            )}
          </Field>
        )}
      </div>

      <h3 className="h4">{t('routes.escalations')}</h3>
      {stage.escalations.length === 0 && <p className="meta">{t('routes.noEscalation')}</p>}
      {stage.escalations.map((level, j) => {
        const levelErr = (f: string) => problems[`${path}.escalations[${j}].${f}`];
        const setLevel = (patch: Partial<typeof level>) =>
          set({ escalations: stage.escalations.map((l, k) => (k === j ? { ...l, ...patch } : l)) });
        return (
          <div className="row" key={j} role="group" aria-label={t('routes.levelTitle', { n: j + 1 })}>
            <Field label={t('routes.levelRole', { n: j + 1 })} error={levelErr('role')}>
              {(c) => <RoleSelect control={c} value={level.role} onChange={(role) => setLevel({ role })} />}
            </Field>
            <Field label={t('routes.levelScope', { n: j + 1 })} error={levelErr('scope')}>
              {(c) => (
                <ScopeSelect control={c} value={level.scope} onChange={(scope) => setLevel({ scope })} />
              )}
            </Field>
            <Field
              label={t('routes.levelAfter', { n: j + 1 })}
              hint={t('routes.daysHint')}
              error={levelErr('after')}
            >
              {(c) => (
                <input
                  type="number"
                  min={1}
                  {...controlAttrs(c)}
                  value={Number.isNaN(amountOf(level.after)) ? '' : amountOf(level.after)}
                  onChange={(e) => setLevel({ after: { businessDays: typed(e.target.value) } })}
                />
              )}
            </Field>
            <div className="actions">
              <button
                type="button"
                onClick={() => set({ escalations: stage.escalations.filter((_, k) => k !== j) })}
              >
                {t('routes.removeLevel', { n: j + 1 })}
              </button>
            </div>
          </div>
        );
      })}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            set({
              escalations: [
                ...stage.escalations,
                { role: 'hr_lead', scope: 'region', after: { businessDays: 1 } },
              ],
            })
          }
        >
          {t('routes.addLevel')}
        </button>
      </div>

      <h3 className="h4">{t('routes.conditions')}</h3>
      {(err('when') || err('unless')) && (
        <p className="field-error" role="alert">
          {err('when') ?? err('unless')}
        </p>
      )}
      {conditions.length === 0 && <p className="meta">{t('routes.always')}</p>}
      {conditions.map((c, i) => (
        <div className="row" key={i} role="group" aria-label={t('routes.conditionTitle', { n: i + 1 })}>
          <Field label={t('routes.conditionList', { n: i + 1 })}>
            {(ctl) => (
              <select
                {...controlAttrs(ctl)}
                value={c.list}
                onChange={(e) => editCondition(i, { ...c, list: e.target.value as 'when' | 'unless' })}
              >
                <option value="when">{t('routes.listName.when')}</option>
                <option value="unless">{t('routes.listName.unless')}</option>
              </select>
            )}
          </Field>
          <Field label={t('routes.conditionType', { n: i + 1 })}>
            {(ctl) => (
              <select
                {...controlAttrs(ctl)}
                value={c.condition.type}
                onChange={(e) =>
                  editCondition(i, {
                    ...c,
                    condition: conditionOfType(e.target.value as StageCondition['type']),
                  })
                }
              >
                {CONDITION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`routes.conditionName.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {c.condition.type === 'cost_above' && (
            <Field label={t('routes.costAbove', { n: i + 1 })} hint={t(`routes.costHint.${kind}`)}>
              {(ctl) => (
                <input
                  type="number"
                  min={0}
                  {...controlAttrs(ctl)}
                  value={costOf(c.condition)}
                  onChange={(e) =>
                    editCondition(i, { ...c, condition: { type: 'cost_above', sek: typed(e.target.value) } })
                  }
                />
              )}
            </Field>
          )}
          {c.condition.type === 'category_in' && (
            <Field label={t('routes.categories', { n: i + 1 })} group>
              {() => (
                <div className="choices">
                  {OCCUPATIONAL_CATEGORIES.map((cat) => {
                    const chosen = (c.condition as { categories: string[] }).categories;
                    return (
                      <label key={cat} className="choice">
                        <input
                          type="checkbox"
                          checked={chosen.includes(cat)}
                          onChange={(e) =>
                            editCondition(i, {
                              ...c,
                              condition: {
                                type: 'category_in',
                                categories: (e.target.checked
                                  ? [...chosen, cat]
                                  : chosen.filter((x) => x !== cat)) as never,
                              },
                            })
                          }
                        />
                        {t(`category.${cat}`)}
                      </label>
                    );
                  })}
                </div>
              )}
            </Field>
          )}
          <div className="actions">
            <button type="button" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
              {t('routes.removeCondition', { n: i + 1 })}
            </button>
          </div>
        </div>
      ))}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            setConditions([
              ...conditions,
              { list: 'when', condition: { type: 'cost_above', sek: 1_000_000 } },
            ])
          }
        >
          {t('routes.addCondition')}
        </button>
      </div>

      <div className="actions">
        <button type="button" onClick={() => onMove(-1)} disabled={index === 0}>
          {t('routes.moveUp')}
          <span className="visually-hidden"> {title}</span>
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={index === count - 1}>
          {t('routes.moveDown')}
          <span className="visually-hidden"> {title}</span>
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('routes.removeStage')}
          <span className="visually-hidden"> {title}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** A reviewer role; a draft may still name another (shown as it is, so the problem at the field makes sense). */
function RoleSelect({
  control,
  value,
  onChange,
}: {
  control: ControlProps;
  value: Stage['role'];
  onChange: (role: Stage['role']) => void;
}) {
  const { t } = useTranslation();
  return (
    <select
      {...controlAttrs(control)}
      value={value}
      onChange={(e) => onChange(e.target.value as Stage['role'])}
    >
      {!(REVIEWER_ROLES as readonly string[]).includes(value) && <option value={value}>{value}</option>}
      {REVIEWER_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** The division of the request, or the whole region. */
function ScopeSelect({
  control,
  value,
  onChange,
}: {
  control: ControlProps;
  value: Stage['scope'];
  onChange: (scope: Stage['scope']) => void;
}) {
  const { t } = useTranslation();
  return (
    <select
      {...controlAttrs(control)}
      value={value}
      onChange={(e) => onChange(e.target.value as Stage['scope'])}
    >
      <option value="division">{t('routes.scopeName.division')}</option>
      <option value="region">{t('routes.scopeName.region')}</option>
    </select>
  );
}
