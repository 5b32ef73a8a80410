import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { newPeriodSchema, type PeriodCorrection } from '@domain/review-periods';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useCorrectPeriod } from '../../api/periods';
import type { ReviewPeriod } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

/** What a correction may change: every field of the period but its kind (a request's review hangs on it). */
const correctable = newPeriodSchema.omit({ kind: true });
type Values = Required<PeriodCorrection>;
const FIELDS = Object.keys(correctable.shape) as (keyof Values)[];

/** A mistyped period, corrected: the form starts from what is recorded and sends only what changed. */
export function CorrectPeriodForm({ period, onDone }: { period: ReviewPeriod; onDone: () => void }) {
  const { t } = useTranslation();
  const correct = useCorrectPeriod(period.id);
  const recorded: Values = {
    validFrom: period.validFrom,
    validTo: period.validTo,
    decisionRef: period.decisionRef,
    decidedBy: period.decidedBy,
    decidedOn: period.decidedOn,
  };
  const form = useForm<Values>({ defaultValues: recorded });
  const { register, formState } = form;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    const changed = Object.fromEntries(
      FIELDS.filter((k) => values[k] !== recorded[k]).map((k) => [k, values[k]]),
    );
    if (Object.keys(changed).length === 0) return onDone();
    try {
      await correct.mutateAsync(changed);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  const text = (name: keyof Values, type: 'date' | 'text', label: string, hint: string) => (
    <Field label={t(label)} hint={t(hint)} error={err(name)}>
      {(c) => <input type={type} {...controlAttrs(c)} {...register(name)} />}
    </Field>
  );
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label={t('periods.correctTitle')}>
      <p>{t('periods.correctIntro')}</p>
      {correct.error && !coversAllProblems(correct.error, FIELDS) && <ProblemNotice error={correct.error} />}
      <div className="row">
        {text('validFrom', 'date', 'periods.validFrom', 'periods.validFromHint')}
        {text('validTo', 'date', 'periods.validTo', 'periods.validToHint')}
      </div>
      <div className="row">
        {text('decisionRef', 'text', 'periods.decisionRef', 'periods.decisionRefHint')}
        {text('decidedBy', 'text', 'periods.decidedBy', 'periods.decidedByHint')}
        {text('decidedOn', 'date', 'periods.decidedOn', 'periods.decidedOnHint')}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={correct.isPending}>
          {t('periods.saveCorrection')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
