import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
import { newExemptionSchema, type NewExemption } from '@domain/exemptions';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useRecordExemption } from '../../api/exemptions';
import type { Division } from '../../api/types';
import { Field } from '../../components/Field';
import { Choices, Select, controlAttrs, emptyToUndefined, toNumber } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

const FIELDS = Object.keys(newExemptionSchema.shape);

interface FormValues {
  scopeUnitId: string;
  kind: string;
  occupationalCategories: string[] | false;
  validFrom: string;
  validTo: string;
  costCeilingSek: string;
  reason: string;
  decisionBody: string;
  decisionRef: string;
  decidedOn: string;
}

const toInput = (v: FormValues): unknown => ({
  scopeUnitId: emptyToUndefined(v.scopeUnitId),
  kind: emptyToUndefined(v.kind),
  // One checked box comes back as a string, none as false.
  occupationalCategories: Array.isArray(v.occupationalCategories)
    ? v.occupationalCategories
    : v.occupationalCategories
      ? [v.occupationalCategories]
      : [],
  validFrom: emptyToUndefined(v.validFrom),
  validTo: emptyToUndefined(v.validTo),
  costCeilingSek: toNumber(v.costCeilingSek),
  reason: v.reason,
  decisionBody: v.decisionBody,
  decisionRef: v.decisionRef,
  decidedOn: emptyToUndefined(v.decidedOn),
});

const schema = z.custom<FormValues>().transform(toInput).pipe(newExemptionSchema);

/** The executive's or admin's record of a decision of the board or the regiondirektör. */
export function NewExemptionForm({ divisions }: { divisions: Division[] }) {
  const { t } = useTranslation();
  const record = useRecordExemption();
  const defaults = { decisionBody: t('exemptions.defaultBody'), occupationalCategories: [] };
  const form = useForm<FormValues, unknown, NewExemption>({
    resolver: zodResolver(schema),
    defaultValues: defaults,
  });
  const { register, formState } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await record.mutateAsync(body);
      form.reset({ ...defaults, decisionBody: body.decisionBody });
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  const scopes = divisions.flatMap((d) => [
    { value: d.id, label: d.name },
    ...d.units.map((u) => ({ value: u.id, label: `${d.name} › ${u.name}` })),
  ]);
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-exemption-title">
      <h2 id="new-exemption-title">{t('exemptions.newTitle')}</h2>
      {record.error && !coversAllProblems(record.error, FIELDS) && <ProblemNotice error={record.error} />}
      {record.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('exemptions.created')}
        </p>
      )}
      <div className="row">
        <Field
          label={t('exemptions.decisionBody')}
          hint={t('exemptions.decisionBodyHint')}
          error={err('decisionBody')}
        >
          {(c) => <input type="text" {...controlAttrs(c)} {...register('decisionBody')} />}
        </Field>
        <Field
          label={t('exemptions.decisionRef')}
          hint={t('exemptions.decisionRefHint')}
          error={err('decisionRef')}
        >
          {(c) => <input type="text" {...controlAttrs(c)} {...register('decisionRef')} />}
        </Field>
        <Field label={t('exemptions.decidedOn')} error={err('decidedOn')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('decidedOn')} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('exemptions.scope')} error={err('scopeUnitId')}>
          {(c) => (
            <Select
              control={c}
              register={register('scopeUnitId')}
              placeholder={t('common.choose')}
              options={scopes}
            />
          )}
        </Field>
        <Field label={t('exemptions.kind')} error={err('kind')}>
          {(c) => (
            <Select
              control={c}
              register={register('kind')}
              placeholder={t('common.choose')}
              options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`kindPlural.${k}`) }))}
            />
          )}
        </Field>
      </div>
      <Field
        label={t('exemptions.categories')}
        hint={t('exemptions.categoriesHint')}
        error={err('occupationalCategories')}
        group
      >
        {(c) => (
          <Choices
            type="checkbox"
            control={c}
            register={register('occupationalCategories')}
            options={OCCUPATIONAL_CATEGORIES.map((k) => ({ value: k, label: t(`category.${k}`) }))}
          />
        )}
      </Field>
      <div className="row">
        <Field label={t('exemptions.validFrom')} error={err('validFrom')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validFrom')} />}
        </Field>
        <Field label={t('exemptions.validTo')} hint={t('exemptions.validToHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
        <Field
          label={t('exemptions.ceiling')}
          hint={t('exemptions.ceilingHint')}
          error={err('costCeilingSek')}
        >
          {(c) => (
            <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('costCeilingSek')} />
          )}
        </Field>
      </div>
      <Field label={t('exemptions.reason')} error={err('reason')}>
        {(c) => <textarea rows={3} {...controlAttrs(c)} {...register('reason')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={record.isPending}>
          {t('exemptions.create')}
        </button>
      </div>
    </form>
  );
}
