import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { usePerson, useUpdatePerson } from '../../api/people';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { AddRoleForm } from './AddRoleForm';
import { PersonDetailsForm } from './PersonDetailsForm';
import { RoleTable } from './RoleTable';

/** One person as the admin keeps them: details, sign-in state, and every role assignment with its period. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const person = usePerson(id);
  const update = useUpdatePerson(id);
  if (person.isPending) return <Loading />;
  if (!person.data) return <ProblemNotice error={person.error} />;
  const p = person.data;
  const self = session.me?.id === p.id;
  return (
    <section>
      <p>
        <Link to="/admin/people">{t('people.back')}</Link>
      </p>
      <h1>{p.displayName}</h1>
      <p className="lead">
        <span className="badge">{p.active ? t('people.active') : t('people.inactive')}</span>{' '}
        {p.identity ? t('people.linkedAs', { subject: p.identity.subject }) : t('people.notLinkedLong')}
      </p>
      <ProblemNotice error={update.error} />
      {update.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('people.saved')}
        </p>
      )}
      <div className="actions">
        {p.active ? (
          <button
            type="button"
            disabled={self || update.isPending}
            onClick={() => update.mutate({ active: false })}
          >
            {t('people.deactivate')}
          </button>
        ) : (
          <button type="button" disabled={update.isPending} onClick={() => update.mutate({ active: true })}>
            {t('people.reactivate')}
          </button>
        )}
        {p.identity && (
          <button type="button" disabled={update.isPending} onClick={() => update.mutate({ identity: null })}>
            {t('people.unlink')}
          </button>
        )}
      </div>
      {self && <p className="hint">{t('people.selfHint')}</p>}
      <PersonDetailsForm person={p} />
      <h2>{t('people.roles')}</h2>
      <RoleTable person={p} self={self} />
      <AddRoleForm personId={p.id} />
    </section>
  );
}
