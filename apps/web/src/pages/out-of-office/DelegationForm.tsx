import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { REQUEST_KINDS, isReviewerRole } from '@domain/enums';
import { mayStandInFor, newDelegationSchema, type NewDelegation } from '@domain/delegation';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useCreateDelegation } from '../../api/delegations';
import { useUserDirectory } from '../../api/user-directory';
import { useSession } from '../../auth/session';
import { Field } from '../../components/Field';
import { Select, controlAttrs, emptyToUndefined } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

interface Values {
  delegatorId: string;
  delegateId: string;
  validFrom: string;
  validTo: string;
  kind: string;
}

const FIELDS = Object.keys(newDelegationSchema.shape);

const schema = z
  .custom<Values>()
  .transform((v) => ({
    delegatorId: emptyToUndefined(v.delegatorId),
    delegateId: v.delegateId,
    validFrom: v.validFrom,
    validTo: v.validTo,
    kind: emptyToUndefined(v.kind),
  }))
  .pipe(newDelegationSchema);

export function DelegationForm() {
  const { t } = useTranslation();
  const session = useSession();
  const directory = useUserDirectory();
  const create = useCreateDelegation();
  const form = useForm<Values, unknown, NewDelegation>({
    resolver: zodResolver(schema),
    defaultValues: { delegatorId: '', delegateId: '', kind: '' },
  });
  const { register, formState } = form;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const reviewers = (directory.data ?? []).filter((u) => u.grants.some((g) => isReviewerRole(g.role)));
  const forOthers = session.has('hr_lead', 'director');
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
      form.reset();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  const people = reviewers
    .filter((u) => u.id !== session.me?.id)
    .map((u) => ({ value: u.id, label: u.displayName }));
  // Only people who hold the absent reviewer's roles and scopes can take their stages: offer no one else.
  const delegatorId = useWatch({ control: form.control, name: 'delegatorId' });
  const delegator = (delegatorId && reviewers.find((u) => u.id === delegatorId)) || session.me;
  const standIns = reviewers
    .filter((u) => u.id !== session.me?.id && u.id !== delegator?.id)
    .filter((u) => delegator && mayStandInFor(delegator, u))
    .map((u) => ({ value: u.id, label: u.displayName }));

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="delegation-title">
      <h2 id="delegation-title">{t('ooo.newTitle')}</h2>
      {directory.data && reviewers.length === 0 && <p>{t('reassign.noDirectory')}</p>}
      {create.error && !coversAllProblems(create.error, FIELDS) && <ProblemNotice error={create.error} />}
      {create.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('ooo.created')}
        </p>
      )}
      {forOthers && (
        <Field label={t('ooo.delegator')} hint={t('ooo.delegatorHint')} error={err('delegatorId')} choice>
          {(c) => (
            <Select
              control={c}
              register={register('delegatorId')}
              placeholder={t('ooo.me')}
              options={people}
            />
          )}
        </Field>
      )}
      <Field label={t('ooo.delegate')} hint={t('ooo.delegateHint')} error={err('delegateId')} choice>
        {(c) => (
          <Select
            control={c}
            register={register('delegateId')}
            placeholder={t('common.choose')}
            options={standIns}
          />
        )}
      </Field>
      <div className="row">
        <Field label={t('ooo.from')} hint={t('ooo.fromHint')} error={err('validFrom')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validFrom')} />}
        </Field>
        <Field label={t('ooo.to')} hint={t('ooo.toHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
      </div>
      <Field label={t('ooo.kind')} hint={t('ooo.kindHint')} error={err('kind')} choice>
        {(c) => (
          <Select
            control={c}
            register={register('kind')}
            placeholder={t('ooo.allKinds')}
            options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`kindPlural.${k}`) }))}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('ooo.create')}
        </button>
      </div>
    </form>
  );
}
