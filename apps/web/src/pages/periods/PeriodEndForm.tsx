import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { extensionSchema, type Extension } from '@domain/review-periods';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useEndPeriodEarly, useExtendPeriod } from '../../api/periods';
import type { ReviewPeriod } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useFormat } from '../../format/format';

const FIELDS = Object.keys(extensionSchema.shape);

/** The words of each decision that sets a last day: an extension (after the period) or an early end (within it). */
const TEXTS = {
  extend: {
    title: 'periods.extendTitle',
    intro: 'periods.extendIntro',
    hint: 'periods.extendValidToHint',
    submit: 'periods.extend',
  },
  end: {
    title: 'periods.endEarlyTitle',
    intro: 'periods.endEarlyIntro',
    hint: 'periods.endEarlyValidToHint',
    submit: 'periods.endEarly',
  },
} as const;

/**
 * A board's decision on a period's last day, with its reference and date: an extension starts the day after the
 * period ends; an early end moves the period's own last day forward.
 */
export function PeriodEndForm({
  kind,
  period,
  onDone,
}: {
  kind: keyof typeof TEXTS;
  period: ReviewPeriod;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const words = TEXTS[kind];
  const extend = useExtendPeriod(period.id);
  const end = useEndPeriodEarly(period.id);
  const save = kind === 'extend' ? extend : end;
  const form = useForm<Extension>({ resolver: zodResolver(extensionSchema) });
  const { register, formState } = form;
  const err = (name: keyof Extension) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label={t(words.title)}>
      <p>{t(words.intro, { date: f.date(period.validTo) })}</p>
      {save.error && !coversAllProblems(save.error, FIELDS) && <ProblemNotice error={save.error} />}
      <div className="row">
        <Field label={t('periods.validTo')} hint={t(words.hint)} error={err('validTo')}>
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
        <button type="submit" className="primary" disabled={save.isPending}>
          {t(words.submit)}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
