import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EMPLOYMENT_FORMS, HIRE_ALTERNATIVES, OCCUPATIONAL_CATEGORIES } from '@domain/enums';
import { hireInputSchema, type HireInput } from '@domain/request-input';
import { Field } from '../../components/Field';
import {
  Choices,
  controlAttrs,
  emptyToUndefined,
  percentToFraction,
  Select,
  toNumber,
  yesNo,
} from '../../components/inputs';
import type { UnitInfo } from '../../api/org';
import { useRequestForm } from './use-request-form';

interface HireFormValues {
  unitId: string;
  occupationalCategory: string;
  title: string;
  employmentForm: string;
  fte: string;
  startDate: string;
  endDate: string;
  replacement: string;
  withinBudget: string;
  monthlyCostSek: string;
  alternativesTried: string[];
  justification: string;
  consequenceIfRejected: string;
  savingsNote: string;
}

const FIELDS = Object.keys(hireInputSchema.shape);

/** The form's strings become the API's body; the shared schema then checks exactly what will be sent. */
function toHireInput(v: HireFormValues): unknown {
  return {
    kind: 'hire',
    unitId: v.unitId,
    occupationalCategory: emptyToUndefined(v.occupationalCategory),
    title: v.title,
    employmentForm: emptyToUndefined(v.employmentForm),
    fte: percentToFraction(v.fte),
    startDate: emptyToUndefined(v.startDate),
    endDate: emptyToUndefined(v.endDate),
    replacement: yesNo(v.replacement),
    withinBudget: yesNo(v.withinBudget),
    monthlyCostSek: toNumber(v.monthlyCostSek),
    alternativesTried: v.alternativesTried || [],
    justification: v.justification,
    consequenceIfRejected: v.consequenceIfRejected,
    savingsNote: v.savingsNote,
  };
}

const schema = z.custom<HireFormValues>().transform(toHireInput).pipe(hireInputSchema);

export function HireForm({ units }: { units: UnitInfo[] }) {
  const { t } = useTranslation();
  const form = useForm<HireFormValues, unknown, HireInput>({
    resolver: zodResolver(schema),
    defaultValues: {
      unitId: units.length === 1 ? units[0].id : '',
      alternativesTried: [],
      fte: '100',
    },
  });
  const { register, formState } = form;
  const { onSubmit, problem, pending, attachments } = useRequestForm(form, FIELDS);
  const err = (name: keyof HireFormValues) => formState.errors[name]?.message;
  const f = (name: string) => ({ label: t(`hire.${name}.label`), hint: t(`hire.${name}.hint`) });
  const options = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const permanent = useWatch({ control: form.control, name: 'employmentForm' }) === 'permanent';

  return (
    <form onSubmit={onSubmit} noValidate className="request-form">
      {problem}
      <fieldset className="section">
        <legend>{t('newRequest.sectionPosition')}</legend>
        <Field {...f('unitId')} error={err('unitId')} choice>
          {(c) => (
            <Select
              control={c}
              register={register('unitId')}
              placeholder={t('common.choose')}
              options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.divisionName})` }))}
            />
          )}
        </Field>
        <Field {...f('title')} error={err('title')}>
          {(c) => <input type="text" autoComplete="off" {...controlAttrs(c)} {...register('title')} />}
        </Field>
        <Field {...f('occupationalCategory')} error={err('occupationalCategory')} choice>
          {(c) => (
            <Select
              control={c}
              register={register('occupationalCategory')}
              placeholder={t('common.choose')}
              options={options(OCCUPATIONAL_CATEGORIES, 'category')}
            />
          )}
        </Field>
        <Field {...f('employmentForm')} error={err('employmentForm')} group>
          {(c) => (
            <Choices
              type="radio"
              control={c}
              register={register('employmentForm')}
              options={options(EMPLOYMENT_FORMS, 'employmentForm')}
            />
          )}
        </Field>
        <div className="row">
          <Field {...f('fte')} error={err('fte')}>
            {(c) => <input type="text" inputMode="decimal" {...controlAttrs(c)} {...register('fte')} />}
          </Field>
          <Field {...f('startDate')} error={err('startDate')}>
            {(c) => <input type="date" {...controlAttrs(c)} {...register('startDate')} />}
          </Field>
          <Field {...f('endDate')} error={err('endDate')}>
            {(c) => <input type="date" disabled={permanent} {...controlAttrs(c)} {...register('endDate')} />}
          </Field>
        </div>
        <Field {...f('replacement')} error={err('replacement')} group>
          {(c) => (
            <Choices
              type="radio"
              control={c}
              register={register('replacement')}
              options={[
                { value: 'true', label: t('hire.replacement.yes') },
                { value: 'false', label: t('hire.replacement.no') },
              ]}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="section">
        <legend>{t('newRequest.sectionCost')}</legend>
        <div className="row">
          <Field {...f('monthlyCostSek')} error={err('monthlyCostSek')}>
            {(c) => (
              <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('monthlyCostSek')} />
            )}
          </Field>
          <Field {...f('withinBudget')} error={err('withinBudget')} group>
            {(c) => (
              <Choices
                type="radio"
                control={c}
                register={register('withinBudget')}
                options={[
                  { value: 'true', label: t('common.yes') },
                  { value: 'false', label: t('common.no') },
                ]}
              />
            )}
          </Field>
        </div>
        <Field {...f('savingsNote')} error={err('savingsNote')}>
          {(c) => <textarea rows={2} {...controlAttrs(c)} {...register('savingsNote')} />}
        </Field>
      </fieldset>
      <fieldset className="section">
        <legend>{t('newRequest.sectionJustification')}</legend>
        <Field {...f('justification')} error={err('justification')}>
          {(c) => <textarea rows={4} {...controlAttrs(c)} {...register('justification')} />}
        </Field>
        <Field {...f('alternativesTried')} error={err('alternativesTried')} group>
          {(c) => (
            <Choices
              type="checkbox"
              control={c}
              register={register('alternativesTried')}
              options={options(HIRE_ALTERNATIVES, 'hireAlternative')}
            />
          )}
        </Field>
        <Field {...f('consequenceIfRejected')} error={err('consequenceIfRejected')}>
          {(c) => <textarea rows={3} {...controlAttrs(c)} {...register('consequenceIfRejected')} />}
        </Field>
      </fieldset>
      {attachments}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {t('newRequest.submit')}
        </button>
      </div>
    </form>
  );
}
