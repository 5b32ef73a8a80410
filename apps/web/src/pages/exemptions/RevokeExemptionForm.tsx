import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { revocationSchema, type Revocation } from '@domain/exemptions';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useRevokeExemption } from '../../api/exemptions';
import type { Exemption } from '../../api/types';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { stockholmToday } from '../../format/dates';

const FIELDS = Object.keys(revocationSchema.shape);

/** Ends an exemption early from a date, with the reason; requests already exempted stay so. */
export function RevokeExemptionForm({ exemption, onDone }: { exemption: Exemption; onDone: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeExemption(exemption.id);
  const form = useForm<Revocation>({
    resolver: zodResolver(revocationSchema),
    defaultValues: { revokedOn: stockholmToday() },
  });
  const { register, formState } = form;
  const err = (name: keyof Revocation) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await revoke.mutateAsync(body);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form
      className="card inline-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('exemptions.revokeTitle')}
    >
      {revoke.error && !coversAllProblems(revoke.error, FIELDS) && <ProblemNotice error={revoke.error} />}
      <div className="row">
        <Field label={t('exemptions.revokeReason')} error={err('reason')}>
          {(c) => <input type="text" {...controlAttrs(c)} {...register('reason')} />}
        </Field>
        <Field
          label={t('exemptions.revokedOn')}
          hint={t('exemptions.revokedOnHint')}
          error={err('revokedOn')}
        >
          {(c) => <input type="date" {...controlAttrs(c)} {...register('revokedOn')} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={revoke.isPending}>
          {t('exemptions.revokeConfirm')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
