import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@domain/enums';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { useOrg } from '../../api/org';
import { useAddRole } from '../../api/people';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { stockholmToday } from '../../format/dates';
import { ScopeOptions } from './ScopeOptions';

/** The scope select's value for the whole region: the API takes null, never an empty choice. */
const REGION = 'region';
interface Values {
  role: Role | '';
  scope: string;
  validFrom: string;
  validTo: string;
}
const FIELDS = ['role', 'scopeUnitId', 'validFrom', 'validTo'];

export function AddRoleForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const org = useOrg();
  const add = useAddRole(personId);
  const form = useForm<Values>({
    defaultValues: { role: '', scope: '', validFrom: stockholmToday(), validTo: '' },
  });
  const { register, formState } = form;
  const err = (name: keyof Values) => formState.errors[name]?.message;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await add.mutateAsync({
        role: v.role as Role,
        // No choice is left out, so the API says it is required (an empty scope is never the region).
        scopeUnitId: v.scope === REGION ? null : ((v.scope || undefined) as string),
        validFrom: v.validFrom || undefined,
        validTo: v.validTo || null,
      });
      form.reset({ role: '', scope: '', validFrom: stockholmToday(), validTo: '' });
    } catch (error) {
      // The API names scopeUnitId; the form's field is scope.
      applyFieldErrors(
        error,
        (name, e, o) =>
          form.setError(name === ('scopeUnitId' as string) ? 'scope' : (name as keyof Values), e, o),
        FIELDS,
      );
    }
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="add-role-title">
      <h2 id="add-role-title">{t('people.addRole')}</h2>
      {add.error && !coversAllProblems(add.error, FIELDS) && <ProblemNotice error={add.error} />}
      <div className="row">
        <Field label={t('people.role')} error={err('role')} choice>
          {(c) => (
            <select {...controlAttrs(c)} {...register('role')}>
              <option value="">{t('common.choose')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('people.scope')} hint={t('people.scopeHint')} error={err('scope')} choice>
          {(c) => (
            <select {...controlAttrs(c)} {...register('scope')}>
              <option value="">{t('common.choose')}</option>
              <option value={REGION}>{t('people.region')}</option>
              <ScopeOptions divisions={org.data} />
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label={t('people.validFrom')} error={err('validFrom')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validFrom')} />}
        </Field>
        <Field label={t('people.validTo')} hint={t('people.validToHint')} error={err('validTo')}>
          {(c) => <input type="date" {...controlAttrs(c)} {...register('validTo')} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('people.addRoleButton')}
        </button>
      </div>
    </form>
  );
}
