import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { RequestInput } from '@domain/request-input';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { useSubmitRequest } from '../../api/requests';
import { ProblemNotice } from '../../components/ProblemNotice';

/** Submits a request form: field problems from the API go to their fields, anything else above the form. */
export function useRequestForm<T extends FieldValues, I extends RequestInput>(
  form: UseFormReturn<T, unknown, I>,
  fields: readonly string[],
) {
  const navigate = useNavigate();
  const submit = useSubmitRequest();
  const keyFor = useIdempotencyKey();
  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const result = await submit.mutateAsync({ input, idempotencyKey: keyFor(input) });
      navigate(`/requests/${result.id}`, { state: { submitted: true } });
    } catch (error) {
      applyFieldErrors(error, form.setError, fields);
    }
  });
  let problem = null;
  if (submit.error) {
    problem = coversAllProblems(submit.error, fields) ? (
      <FixFieldsNotice />
    ) : (
      <ProblemNotice error={submit.error} />
    );
  }
  return { onSubmit, pending: submit.isPending, problem };
}

function FixFieldsNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t('newRequest.fixFields')}</strong>
      </p>
    </div>
  );
}
