import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublish, type Publication } from '../../api/policy-versions';
import { ProblemError } from '../../api/problem';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { stockholmToday } from '../../format/dates';

const OWN_FIELDS = ['validFrom', 'decisionRef', 'decidedBy', 'decidedOn'] as const;

/** Publishes the draft from a date with the decision behind it; the route's own problems go back to its fields. */
export function PublishForm({
  version,
  disabled,
  onRouteProblems,
}: {
  version: number;
  disabled: boolean;
  onRouteProblems(problems: { field: string; message: string }[]): void;
}) {
  const { t } = useTranslation();
  const publish = usePublish(version);
  const [body, setBody] = useState<Publication>({
    validFrom: stockholmToday(),
    decisionRef: '',
    decidedOn: stockholmToday(),
  });
  const errors = publish.error instanceof ProblemError ? publish.error.byField() : {};
  const set = (field: keyof Publication) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setBody({ ...body, [field]: e.target.value || (field === 'decidedBy' ? undefined : '') });
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    onRouteProblems([]);
    try {
      await publish.mutateAsync(body);
    } catch (error) {
      if (error instanceof ProblemError)
        onRouteProblems(error.errors.filter((p) => !(OWN_FIELDS as readonly string[]).includes(p.field)));
    }
  };
  const labels: Record<(typeof OWN_FIELDS)[number], string> = {
    validFrom: t('routes.validFrom'),
    decisionRef: t('periods.decisionRef'),
    decidedBy: t('periods.decidedBy'),
    decidedOn: t('periods.decidedOn'),
  };
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="publish-title">
      <h2 id="publish-title">{t('routes.publishTitle')}</h2>
      <p className="hint">{t('routes.publishIntro')}</p>
      {publish.error && !(publish.error instanceof ProblemError && publish.error.errors.length) && (
        <ProblemNotice error={publish.error} />
      )}
      {publish.error instanceof ProblemError &&
        publish.error.errors.some((p) => !(OWN_FIELDS as readonly string[]).includes(p.field)) && (
          <p className="notice notice-warning" role="alert">
            {t('routes.publishRefused')}
          </p>
        )}
      <div className="row">
        {OWN_FIELDS.map((field) => (
          <Field key={field} label={labels[field]} error={errors[field]}>
            {(c) => (
              <input
                type={field === 'validFrom' || field === 'decidedOn' ? 'date' : 'text'}
                {...controlAttrs(c)}
                value={body[field] ?? ''}
                onChange={set(field)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={disabled || publish.isPending || publish.isSuccess}
        >
          {t('routes.publish')}
        </button>
      </div>
    </form>
  );
}
