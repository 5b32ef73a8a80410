import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ORG_LEVELS, type NewOrgUnit, type OrgUnitChange } from '@domain/org-tree';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useOrg } from '../../api/org';
import { type AdminOrgUnit, useChangeOrgUnit, useCreateOrgUnit } from '../../api/org-admin';
import { Field } from '../../components/Field';
import { controlAttrs, Select, toNumber } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

/** What the inputs hold: text, as typed. The API checks it and names each bad field. */
interface Values {
  code: string;
  name: string;
  level: string;
  parentId: string;
  budgetSek: string;
  staffCostSek: string;
  validFrom: string;
  validTo: string;
}
const FIELDS: (keyof Values)[] = [
  'code',
  'name',
  'level',
  'parentId',
  'budgetSek',
  'staffCostSek',
  'validFrom',
  'validTo',
];

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
const kronorOrNull = (v: string) => (v.trim() === '' ? null : (toNumber(v) ?? null));

const valuesOf = (u?: AdminOrgUnit): Values => ({
  code: u?.code ?? '',
  name: u?.name ?? '',
  level: u?.level ?? '',
  parentId: u?.parentId ?? '',
  budgetSek: u?.budgetSek?.toString() ?? '',
  staffCostSek: u?.staffCostSek?.toString() ?? '',
  validFrom: u?.validFrom ?? '',
  validTo: u?.validTo ?? '',
});

function changeOf(v: Values, level: string): OrgUnitChange {
  return {
    name: v.name,
    parentId: level === 'unit' ? orNull(v.parentId) : null,
    budgetSek: kronorOrNull(v.budgetSek),
    staffCostSek: kronorOrNull(v.staffCostSek),
    validFrom: orNull(v.validFrom),
    validTo: orNull(v.validTo),
  };
}

/** Creates a division or unit, or (given `unit`) changes one: code and level stay as they were made. */
export function OrgUnitForm({ unit, onDone }: { unit?: AdminOrgUnit; onDone?: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrgUnit();
  const change = useChangeOrgUnit(unit?.id ?? '');
  const write = unit ? change : create;
  const divisions = useOrg('all').data ?? [];
  const form = useForm<Values>({ defaultValues: valuesOf(unit) });
  const { register, formState } = form;
  const chosenLevel = useWatch({ control: form.control, name: 'level' });
  const level = unit?.level ?? chosenLevel;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const titleId = unit ? `edit-${unit.id}` : 'new-org-unit-title';

  const onSubmit = form.handleSubmit(async (v) => {
    try {
      if (unit) await change.mutateAsync(changeOf(v, unit.level));
      else {
        const body = { ...changeOf(v, v.level), code: v.code.trim(), level: v.level } as NewOrgUnit;
        await create.mutateAsync(body);
        form.reset(valuesOf());
      }
      onDone?.();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <form
      className={unit ? 'card inline-form' : 'card'}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={titleId}
    >
      {unit ? (
        <h3 id={titleId}>{t('orgAdmin.editTitle', { code: unit.code })}</h3>
      ) : (
        <h2 id={titleId}>{t('orgAdmin.newTitle')}</h2>
      )}
      {write.error && !coversAllProblems(write.error, FIELDS) && <ProblemNotice error={write.error} />}
      {!unit && create.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('orgAdmin.created', { code: create.data.code })}
        </p>
      )}
      {!unit && (
        <div className="row">
          <Field label={t('orgAdmin.level')} error={err('level')}>
            {(c) => (
              <Select
                control={c}
                register={register('level')}
                placeholder={t('common.choose')}
                options={ORG_LEVELS.map((l) => ({ value: l, label: t(`orgAdmin.levelName.${l}`) }))}
              />
            )}
          </Field>
          <Field label={t('orgAdmin.code')} hint={t('orgAdmin.codeHint')} error={err('code')}>
            {(c) => <input type="text" {...controlAttrs(c)} {...register('code')} />}
          </Field>
        </div>
      )}
      <Field label={t('orgAdmin.name')} error={err('name')}>
        {(c) => <input type="text" {...controlAttrs(c)} {...register('name')} />}
      </Field>
      {level === 'unit' && (
        <Field label={t('orgAdmin.parent')} error={err('parentId')}>
          {(c) => (
            <Select
              control={c}
              register={register('parentId')}
              placeholder={t('common.choose')}
              options={divisions.map((d) => ({ value: d.id, label: `${d.code} ${d.name}` }))}
            />
          )}
        </Field>
      )}
      <div className="row">
        <Field label={t('orgAdmin.budgetSek')} hint={t('orgAdmin.kronorHint')} error={err('budgetSek')}>
          {(c) => <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('budgetSek')} />}
        </Field>
        <Field label={t('orgAdmin.staffCostSek')} hint={t('orgAdmin.kronorHint')} error={err('staffCostSek')}>
          {(c) => (
            <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('staffCostSek')} />
          )}
        </Field>
      </div>
      <div className="row">
        <Field label={t('orgAdmin.validFrom')} hint={t('orgAdmin.validFromHint')} error={err('validFrom')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validFrom')} />}
        </Field>
        <Field label={t('orgAdmin.validTo')} hint={t('orgAdmin.validToHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={write.isPending}>
          {unit ? t('orgAdmin.save') : t('orgAdmin.create')}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
