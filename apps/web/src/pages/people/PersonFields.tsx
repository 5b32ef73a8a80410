import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';

/** What a person is called and reached by, the same on the new-person and the edit form. */
export interface PersonValues {
  displayName: string;
  email: string;
  employeeId: string;
}
export const PERSON_FIELDS = ['displayName', 'email', 'employeeId'] as const;

/** Name and id side by side, then the e-mail; each with the API's problem at the field. */
export function PersonFields<T extends PersonValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const { t } = useTranslation();
  // The form's own values include these three; react-hook-form's path types cannot see that through T.
  const reg = register as unknown as UseFormRegister<PersonValues>;
  const err = (name: keyof PersonValues) => (errors as FieldErrors<PersonValues>)[name]?.message;
  return (
    <>
      <div className="row">
        <Field label={t('people.name')} error={err('displayName')}>
          {(c) => <input type="text" {...controlAttrs(c)} {...reg('displayName')} />}
        </Field>
        <Field label={t('people.employeeId')} hint={t('people.employeeIdHint')} error={err('employeeId')}>
          {(c) => <input type="text" {...controlAttrs(c)} {...reg('employeeId')} />}
        </Field>
      </div>
      <Field label={t('people.email')} error={err('email')}>
        {(c) => <input type="email" {...controlAttrs(c)} {...reg('email')} />}
      </Field>
    </>
  );
}
