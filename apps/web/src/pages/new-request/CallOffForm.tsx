import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CALL_OFF_ALTERNATIVES, CALL_OFF_REASONS, OCCUPATIONAL_CATEGORIES } from '@domain/enums';
import { callOffInputSchema, type CallOffInput } from '@domain/request-input';
import { Field } from '../../components/Field';
import { Choices, Select, controlAttrs, emptyToUndefined, toNumber } from '../../components/inputs';
import type { UnitInfo } from '../../api/org';
import { useRequestForm } from './use-request-form';

interface CallOffFormValues {
  unitId: string;
  occupationalCategory: string;
  supplier: string;
  frameworkAgreement: string;
  periodFrom: string;
  periodTo: string;
  extentHours: string;
  estimatedCostSek: string;
  reason: string;
  alternativesTried: string[];
  urgent: boolean;
  justification: string;
}

const FIELDS = Object.keys(callOffInputSchema.shape);

function toCallOffInput(v: CallOffFormValues): unknown {
  return {
    kind: 'agency_call_off',
    unitId: v.unitId,
    occupationalCategory: emptyToUndefined(v.occupationalCategory),
    supplier: v.supplier,
    frameworkAgreement: v.frameworkAgreement,
    periodFrom: emptyToUndefined(v.periodFrom),
    periodTo: emptyToUndefined(v.periodTo),
    extentHours: toNumber(v.extentHours),
    estimatedCostSek: toNumber(v.estimatedCostSek),
    reason: emptyToUndefined(v.reason),
    alternativesTried: v.alternativesTried || [],
    urgent: Boolean(v.urgent),
    justification: v.justification,
  };
}

const schema = z.custom<CallOffFormValues>().transform(toCallOffInput).pipe(callOffInputSchema);

export function CallOffForm({ units }: { units: UnitInfo[] }) {
  const { t } = useTranslation();
  const form = useForm<CallOffFormValues, unknown, CallOffInput>({
    resolver: zodResolver(schema),
    defaultValues: { unitId: units.length === 1 ? units[0].id : '', alternativesTried: [], urgent: false },
  });
  const { register, formState } = form;
  const { onSubmit, problem, pending, attachments } = useRequestForm(form, FIELDS);
  const err = (name: keyof CallOffFormValues) => formState.errors[name]?.message;
  const f = (name: string) => ({ label: t(`callOff.${name}.label`), hint: t(`callOff.${name}.hint`) });
  const options = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <form onSubmit={onSubmit} noValidate className="request-form">
      {problem}
      <fieldset className="section">
        <legend>{t('newRequest.sectionStaffing')}</legend>
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
        <div className="row">
          <Field {...f('supplier')} error={err('supplier')}>
            {(c) => <input type="text" {...controlAttrs(c)} {...register('supplier')} />}
          </Field>
          <Field {...f('frameworkAgreement')} error={err('frameworkAgreement')}>
            {(c) => <input type="text" {...controlAttrs(c)} {...register('frameworkAgreement')} />}
          </Field>
        </div>
        <div className="row">
          <Field {...f('periodFrom')} error={err('periodFrom')}>
            {(c) => <input type="date" {...controlAttrs(c)} {...register('periodFrom')} />}
          </Field>
          <Field {...f('periodTo')} error={err('periodTo')}>
            {(c) => <input type="date" {...controlAttrs(c)} {...register('periodTo')} />}
          </Field>
          <Field {...f('extentHours')} error={err('extentHours')}>
            {(c) => (
              <input type="text" inputMode="decimal" {...controlAttrs(c)} {...register('extentHours')} />
            )}
          </Field>
        </div>
        <Field {...f('estimatedCostSek')} error={err('estimatedCostSek')}>
          {(c) => (
            <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('estimatedCostSek')} />
          )}
        </Field>
        <Field {...f('urgent')} error={err('urgent')}>
          {(c) => (
            <span className="choice">
              <input type="checkbox" {...controlAttrs(c)} {...register('urgent')} />
              {t('callOff.urgent.checkbox')}
            </span>
          )}
        </Field>
      </fieldset>
      <fieldset className="section">
        <legend>{t('newRequest.sectionJustification')}</legend>
        <Field {...f('reason')} error={err('reason')} choice>
          {(c) => (
            <Select
              control={c}
              register={register('reason')}
              placeholder={t('common.choose')}
              options={options(CALL_OFF_REASONS, 'reason')}
            />
          )}
        </Field>
        <Field {...f('alternativesTried')} error={err('alternativesTried')} group>
          {(c) => (
            <Choices
              type="checkbox"
              control={c}
              register={register('alternativesTried')}
              options={options(CALL_OFF_ALTERNATIVES, 'callOffAlternative')}
            />
          )}
        </Field>
        <Field {...f('justification')} error={err('justification')}>
          {(c) => <textarea rows={4} {...controlAttrs(c)} {...register('justification')} />}
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
