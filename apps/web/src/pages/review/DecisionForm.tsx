import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { OUTCOMES } from '@domain/enums';
import { parseDecisionInput, type DecisionInput } from '@domain/decision-input';
import { DomainError } from '@domain/errors';
import type { Outcome } from '@domain/enums';
import { OUTCOME_RULES, type OutcomeRule, type StageMode, outcomesFor } from '@domain/review-state';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { useDecide } from '../../api/requests';
import type { RequestDetail } from '../../api/types';
import { Field } from '../../components/Field';
import { Choices, controlAttrs, emptyToUndefined, toNumber } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

interface Values {
  outcome: string;
  comment: string;
  conditions: string;
  approvedPeriodTo: string;
  approvedCostSek: string;
}

const FIELDS = ['outcome', 'comment', 'conditions', 'approvedPeriodTo', 'approvedCostSek'] as const;

/** What the comment field is called, by what the outcome needs the comment for. */
const COMMENT_LABEL: Record<OutcomeRule['comment'], string> = {
  optional: 'decision.comment',
  reason: 'decision.reason',
  questions: 'decision.questions',
};

const ruleOf = (value: string): OutcomeRule | undefined => {
  const outcome = OUTCOMES.find((o) => o === value);
  return outcome && OUTCOME_RULES[outcome];
};

/** The domain's own decision rules check the form, so the reviewer hears what the API would say, before sending. */
function decisionResolver(request: RequestDetail, stage: string): Resolver<Values, unknown, DecisionInput> {
  const callOff =
    request.kind === 'agency_call_off'
      ? {
          periodFrom: request.periodFrom,
          periodTo: request.periodTo,
          estimatedCostSek: request.estimatedCostSek,
        }
      : undefined;
  return async (values) => {
    const body = {
      outcome: emptyToUndefined(values.outcome),
      stage,
      comment: emptyToUndefined(values.comment.trim()),
      conditions: emptyToUndefined(values.conditions.trim()),
      approvedPeriodTo: emptyToUndefined(values.approvedPeriodTo),
      approvedCostSek: toNumber(values.approvedCostSek),
    };
    if (!ruleOf(values.outcome)?.conditional) {
      delete body.approvedPeriodTo;
      delete body.approvedCostSek;
    }
    try {
      return { values: parseDecisionInput(body, callOff), errors: {} };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors: Record<string, { type: string; message: string }> = {};
      for (const p of error.fields)
        errors[p.field.split('.')[0]] ??= { type: 'validation', message: p.message };
      return { values: {}, errors };
    }
  };
}

/** The form for one stage: a deciding stage's decisions, or a recommending stage's tillstyrk and avstyrk. */
export function DecisionForm({
  request,
  stage,
  mode = 'deciding',
  outcomes = outcomesFor(mode),
}: {
  request: RequestDetail;
  stage: string;
  mode?: StageMode;
  outcomes?: Outcome[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const decide = useDecide(request.id);
  const keyFor = useIdempotencyKey();
  const form = useForm<Values, unknown, DecisionInput>({
    resolver: decisionResolver(request, stage),
    defaultValues: { outcome: '', comment: '', conditions: '', approvedPeriodTo: '', approvedCostSek: '' },
  });
  const { register, formState } = form;
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const result = await decide.mutateAsync({ input, idempotencyKey: keyFor(input) });
      navigate('/inbox', { state: { decided: { outcome: input.outcome, status: result.status } } });
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  const rule = ruleOf(outcome);
  const recommending = mode === 'recommending';
  // An avstyrkan gives its reason as a rejection does, but is no rejection: it has its own words.
  const commentKey =
    rule?.effect === 'recommend' && rule.comment === 'reason'
      ? 'decision.recommendReason'
      : COMMENT_LABEL[rule?.comment ?? 'optional'];

  return (
    <form className="card decision-form" onSubmit={onSubmit} noValidate aria-labelledby="decision-title">
      <h2 id="decision-title">
        {t(recommending ? 'decision.recommendTitle' : 'decision.title', { stage: t(`stage.${stage}`) })}
      </h2>
      {decide.error && !coversAllProblems(decide.error, FIELDS) && <ProblemNotice error={decide.error} />}
      <Field label={t('decision.outcome')} error={err('outcome')} group>
        {(c) => (
          <Choices
            type="radio"
            control={c}
            register={register('outcome')}
            options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
          />
        )}
      </Field>
      {rule?.conditional && (
        <>
          <Field
            label={t('decision.conditions')}
            hint={t('decision.conditionsHint')}
            error={err('conditions')}
          >
            {(c) => <textarea rows={3} {...controlAttrs(c)} {...register('conditions')} />}
          </Field>
          {request.kind === 'agency_call_off' && (
            <div className="row">
              <Field
                label={t('decision.approvedPeriodTo')}
                hint={t('decision.approvedPeriodToHint')}
                error={err('approvedPeriodTo')}
              >
                {(c) => (
                  <input
                    type="date"
                    min={request.periodFrom}
                    max={request.periodTo}
                    {...controlAttrs(c)}
                    {...register('approvedPeriodTo')}
                  />
                )}
              </Field>
              <Field
                label={t('decision.approvedCostSek')}
                hint={t('decision.approvedCostSekHint')}
                error={err('approvedCostSek')}
              >
                {(c) => (
                  <input
                    type="text"
                    inputMode="numeric"
                    {...controlAttrs(c)}
                    {...register('approvedCostSek')}
                  />
                )}
              </Field>
            </div>
          )}
        </>
      )}
      <Field label={t(commentKey)} hint={t(`${commentKey}Hint`)} error={err('comment')}>
        {(c) => <textarea rows={4} {...controlAttrs(c)} {...register('comment')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={decide.isPending}>
          {t(recommending ? 'decision.recommendSubmit' : 'decision.submit')}
        </button>
      </div>
    </form>
  );
}
