import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { type AdminPerson, useUpdatePerson } from '../../api/people';
import { ProblemNotice } from '../../components/ProblemNotice';
import { PERSON_FIELDS, PersonFields, type PersonValues } from './PersonFields';

type Values = PersonValues;
const FIELDS = [...PERSON_FIELDS];

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
      <PersonFields register={register} errors={formState.errors} />
      <p className="meta">{t('people.usernameIs', { username: person.username })}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('people.save')}
        </button>
      </div>
    </form>
  );
}
