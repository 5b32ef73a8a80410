import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useCreatePerson } from '../../api/people';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { PERSON_FIELDS, PersonFields, type PersonValues } from './PersonFields';

interface Values extends PersonValues {
  username: string;
}
const FIELDS = [...PERSON_FIELDS, 'username'];

/** A new person, active and with no roles; the API checks every field and says which is wrong. */
export function NewPersonForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePerson();
  const form = useForm<Values>();
  const { register, formState } = form;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      const person = await create.mutateAsync({
        displayName: v.displayName,
        employeeId: v.employeeId,
        email: v.email.trim() || null,
        ...(v.username.trim() ? { username: v.username.trim() } : {}),
      });
      navigate(`/admin/people/${person.id}`);
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-person-title">
      <h2 id="new-person-title">{t('people.newTitle')}</h2>
      {create.error && !coversAllProblems(create.error, FIELDS) && <ProblemNotice error={create.error} />}
      <PersonFields register={register} errors={formState.errors} />
      <Field label={t('people.username')} hint={t('people.usernameHint')} error={err('username')}>
        {(c) => <input type="text" {...controlAttrs(c)} {...register('username')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('people.create')}
        </button>
      </div>
    </form>
  );
}
