import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, coversAllProblems } from '../../api/field-errors';
import { type AdminOrgUnit, useCloseOrgUnit } from '../../api/org-admin';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { stockholmToday } from '../../format/dates';

const FIELDS = ['validTo'];

/** Closes a unit on its last open day: it keeps its history and statistics and takes no new requests after it. */
export function CloseUnitForm({ unit, onDone }: { unit: AdminOrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const close = useCloseOrgUnit(unit.id);
  const form = useForm<{ validTo: string }>({ defaultValues: { validTo: stockholmToday() } });
  const titleId = `close-${unit.id}`;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await close.mutateAsync(body);
      onDone();
    } catch (error) {
      applyFieldErrors(error, form.setError, FIELDS);
    }
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('orgAdmin.closeTitle', { code: unit.code, name: unit.name })}</h3>
      <p>{t(unit.level === 'division' ? 'orgAdmin.closeIntroDivision' : 'orgAdmin.closeIntro')}</p>
      {close.error && !coversAllProblems(close.error, FIELDS) && <ProblemNotice error={close.error} />}
      <Field
        label={t('orgAdmin.validTo')}
        hint={t('orgAdmin.closeHint')}
        error={form.formState.errors.validTo?.message}
      >
        {(c) => <input type="date" {...controlAttrs(c)} {...form.register('validTo')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={close.isPending}>
          {t(unit.level === 'division' ? 'orgAdmin.closeDivision' : 'orgAdmin.close')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
