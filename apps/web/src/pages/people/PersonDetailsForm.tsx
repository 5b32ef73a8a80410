import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { type AdminPerson, useUpdatePerson } from '../../api/people';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';

interface Values {
  displayName: string;
  email: string;
  employeeId: string;
}
const FIELDS = ['displayName', 'email', 'employeeId'];

export function PersonDetailsForm({ person }: { person: AdminPerson }) {
  const { t } = useTranslation();
  const update = useUpdatePerson(person.id);
  const form = useForm<Values>({
    values: {
      displayName: person.displayName,
      email: person.email ?? '',
      employeeId: person.employeeId ?? '',
    },
  });
  const { register, formState } = form;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await update.mutateAsync({
        displayName: v.displayName,
        email: v.email.trim() || null,
        employeeId: v.employeeId.trim() || null,
      });
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="person-details-title">
      <h2 id="person-details-title">{t('people.details')}</h2>
      {update.error && !coversAllProblems(update.error, FIELDS) && <ProblemNotice error={update.error} />}
      <div className="row">
        <Field label={t('people.name')} error={err('displayName')}>
          {(c) => <input type="text" {...controlAttrs(c)} {...register('displayName')} />}
        </Field>
        <Field label={t('people.employeeId')} hint={t('people.employeeIdHint')} error={err('employeeId')}>
          {(c) => <input type="text" {...controlAttrs(c)} {...register('employeeId')} />}
        </Field>
      </div>
      <Field label={t('people.email')} error={err('email')}>
        {(c) => <input type="email" {...controlAttrs(c)} {...register('email')} />}
      </Field>
      <p className="meta">{t('people.usernameIs', { username: person.username })}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('people.save')}
        </button>
      </div>
    </form>
  );
}
