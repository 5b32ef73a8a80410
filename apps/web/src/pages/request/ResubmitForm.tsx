import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { coversAllProblems } from '../../api/field-errors';
import { ProblemError } from '../../api/problem';
import { useResubmit } from '../../api/requests';
import type { RequestDetail } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs, toNumber } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

const FIELDS = ['comment', 'justification'] as const;

interface Values {
  comment: string;
  justification: string;
  cost: string;
}

/** Answer the questions and, where the answer changes them, the justification or the cost. */
export function ResubmitForm({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const resubmit = useResubmit(request.id);
  const costField = request.kind === 'hire' ? 'monthlyCostSek' : 'estimatedCostSek';
  const currentCost = request.kind === 'hire' ? request.monthlyCostSek : request.estimatedCostSek;
  const form = useForm<Values>({
    defaultValues: { comment: '', justification: request.justification, cost: String(currentCost) },
  });
  const { register, formState } = form;
  const onSubmit = form.handleSubmit(async (v) => {
    const changes: Record<string, unknown> = {};
    if (v.justification.trim() !== request.justification) changes.justification = v.justification;
    const cost = toNumber(v.cost);
    if (cost !== currentCost) changes[costField] = cost;
    try {
      await resubmit.mutateAsync({
        comment: v.comment.trim(),
        ...(Object.keys(changes).length ? { changes } : {}),
      });
    } catch (error) {
      if (!(error instanceof ProblemError)) return;
      for (const p of error.errors) {
        const target = p.field === costField ? 'cost' : FIELDS.find((f) => f === p.field);
        if (target) form.setError(target, { type: 'server', message: p.message });
      }
    }
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="resubmit-title">
      <h2 id="resubmit-title">{t('request.resubmitTitle')}</h2>
      <p className="meta">{t('request.resubmitRestartHint')}</p>
      {resubmit.error && !coversAllProblems(resubmit.error, ['comment', 'justification', costField]) && (
        <ProblemNotice error={resubmit.error} />
      )}
      <Field
        label={t('request.answer')}
        hint={t('request.answerHint')}
        error={formState.errors.comment?.message}
      >
        {(c) => (
          <textarea
            rows={4}
            {...controlAttrs(c)}
            {...register('comment', { validate: (v) => v.trim() !== '' || 'is required' })}
          />
        )}
      </Field>
      <Field
        label={t('hire.justification.label')}
        hint={t('request.justificationChangeHint')}
        error={formState.errors.justification?.message}
      >
        {(c) => <textarea rows={4} {...controlAttrs(c)} {...register('justification')} />}
      </Field>
      <Field
        label={t(request.kind === 'hire' ? 'hire.monthlyCostSek.label' : 'callOff.estimatedCostSek.label')}
        hint={t('request.costChangeHint')}
        error={formState.errors.cost?.message}
      >
        {(c) => <input type="text" inputMode="numeric" {...controlAttrs(c)} {...register('cost')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={resubmit.isPending}>
          {t('request.resubmit')}
        </button>
      </div>
    </form>
  );
}
