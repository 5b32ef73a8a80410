import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { RequestInput } from '@domain/request-input';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { useSubmitRequest } from '../../api/requests';
import { ProblemNotice } from '../../components/ProblemNotice';
import { uploadAttachment } from '../../api/attachments';
import { AttachmentPicker } from '../request/Attachments';

/** Submits a request form: field problems from the API go to their fields, anything else above the form. */
export function useRequestForm<T extends FieldValues, I extends RequestInput>(
  form: UseFormReturn<T, unknown, I>,
  fields: readonly string[],
) {
  const navigate = useNavigate();
  const submit = useSubmitRequest();
  const keyFor = useIdempotencyKey();
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const result = await submit.mutateAsync({ input, idempotencyKey: keyFor(input) });
      // The files go to the request once it exists, one call each; one refused does not stop the others, and
      // the request page names those that did not arrive.
      const notUploaded: string[] = [];
      setUploading(true);
      for (const file of files) {
        try {
          await uploadAttachment(result.id, file);
        } catch {
          notUploaded.push(file.name);
        }
      }
      setUploading(false);
      navigate(`/requests/${result.id}`, { state: { submitted: true, attachmentsNotUploaded: notUploaded } });
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
  const attachments = <AttachmentPicker files={files} onChange={setFiles} />;
  return { onSubmit, pending: submit.isPending || uploading, problem, attachments };
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
