import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { extensionSchema, type Extension } from '@domain/review-periods';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useExtendPeriod } from '../../api/periods';
import type { ReviewPeriod } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useFormat } from '../../format/format';

const FIELDS = Object.keys(extensionSchema.shape);

/** An extension starts the day after the period ends; only its end and the board's decision are asked for. */
export function ExtendPeriodForm({ period, onDone }: { period: ReviewPeriod; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const extend = useExtendPeriod(period.id);
  const form = useForm<Extension>({ resolver: zodResolver(extensionSchema) });
  const { register, formState } = form;
  const err = (name: keyof Extension) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await extend.mutateAsync(body);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label={t('periods.extendTitle')}>
      <p>{t('periods.extendIntro', { date: f.date(period.validTo) })}</p>
      {extend.error && !coversAllProblems(extend.error, FIELDS) && <ProblemNotice error={extend.error} />}
      <div className="row">
        <Field label={t('periods.validTo')} hint={t('periods.extendValidToHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
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
      <div className="actions">
        <button type="submit" className="primary" disabled={extend.isPending}>
          {t('periods.extend')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
