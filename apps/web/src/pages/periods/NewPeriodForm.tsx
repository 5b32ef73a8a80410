import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { REQUEST_KINDS } from '@domain/enums';
import { newPeriodSchema, type NewPeriod } from '@domain/review-periods';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useCreatePeriod } from '../../api/periods';
import { Field } from '../../components/Field';
import { Select, controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

const FIELDS = Object.keys(newPeriodSchema.shape);

export function NewPeriodForm() {
  const { t } = useTranslation();
  const create = useCreatePeriod();
  const form = useForm<NewPeriod>({
    resolver: zodResolver(newPeriodSchema),
    defaultValues: { decidedBy: t('periods.defaultBody') },
  });
  const { register, formState } = form;
  const err = (name: keyof NewPeriod) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
      form.reset({ decidedBy: body.decidedBy });
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-period-title">
      <h2 id="new-period-title">{t('periods.newTitle')}</h2>
      {create.error && !coversAllProblems(create.error, FIELDS) && <ProblemNotice error={create.error} />}
      {create.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('periods.created')}
        </p>
      )}
      <Field label={t('periods.kind')} hint={t('periods.kindHint')} error={err('kind')} choice>
        {(c) => (
          <Select
            control={c}
            register={register('kind')}
            placeholder={t('common.choose')}
            options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`kindPlural.${k}`) }))}
          />
        )}
      </Field>
      <div className="row">
        <Field label={t('periods.validFrom')} hint={t('periods.validFromHint')} error={err('validFrom')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validFrom')} />}
        </Field>
        <Field label={t('periods.validTo')} hint={t('periods.validToHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
      </div>
      <div className="row">
        <Field
          label={t('periods.decisionRef')}
          hint={t('periods.decisionRefHint')}
          error={err('decisionRef')}
        >
          {(c) => <input type="text" {...controlAttrs(c)} {...register('decisionRef')} />}
        </Field>
        <Field label={t('periods.decidedOn')} hint={t('periods.decidedOnHint')} error={err('decidedOn')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('decidedOn')} />}
        </Field>
      </div>
      <Field label={t('periods.decidedBy')} hint={t('periods.decidedByHint')} error={err('decidedBy')}>
        {(c) => <input type="text" {...controlAttrs(c)} {...register('decidedBy')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('periods.create')}
        </button>
      </div>
    </form>
  );
}
