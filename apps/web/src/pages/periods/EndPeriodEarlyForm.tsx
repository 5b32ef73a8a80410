import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { earlyEndSchema, type EarlyEnd } from '@domain/review-periods';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useEndPeriodEarly } from '../../api/periods';
import type { ReviewPeriod } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useFormat } from '../../format/format';

const FIELDS = Object.keys(earlyEndSchema.shape);

/** A board may end a period before its last day by a decision of its own: the new last day and that decision. */
export function EndPeriodEarlyForm({ period, onDone }: { period: ReviewPeriod; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const end = useEndPeriodEarly(period.id);
  const form = useForm<EarlyEnd>({ resolver: zodResolver(earlyEndSchema) });
  const { register, formState } = form;
  const err = (name: keyof EarlyEnd) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await end.mutateAsync(body);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label={t('periods.endEarlyTitle')}>
      <p>{t('periods.endEarlyIntro', { date: f.date(period.validTo) })}</p>
      {end.error && !coversAllProblems(end.error, FIELDS) && <ProblemNotice error={end.error} />}
      <div className="row">
        <Field label={t('periods.validTo')} hint={t('periods.endEarlyValidToHint')} error={err('validTo')}>
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
        <button type="submit" className="primary" disabled={end.isPending}>
          {t('periods.endEarly')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
