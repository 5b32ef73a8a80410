import { useTranslation } from 'react-i18next';
import { type AdminPerson, useEndRole } from '../../api/people';
import { ProblemNotice } from '../../components/ProblemNotice';
import { stockholmToday } from '../../format/dates';
import { useFormat } from '../../format/format';

/** Every assignment with its period; one that still counts or is coming can be ended (today, by default). */
export function RoleTable({ person, self }: { person: AdminPerson; self: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const end = useEndRole(person.id);
  const today = stockholmToday();
  if (person.roles.length === 0) return <p className="empty">{t('people.noRoles')}</p>;
  return (
    <>
      <ProblemNotice error={end.error} />
      <table className="table">
        <caption className="visually-hidden">
          {t('people.rolesCaption', { name: person.displayName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('people.role')}</th>
            <th scope="col">{t('people.scope')}</th>
            <th scope="col">{t('people.validFrom')}</th>
            <th scope="col">{t('people.validTo')}</th>
            <th scope="col">{t('people.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {person.roles.map((r) => {
            const ended = r.validTo !== null && r.validTo < today;
            const endsToday = r.validTo === today;
            const state = r.inForce ? 'inForce' : ended ? 'ended' : 'coming';
            const ownAdmin = self && r.role === 'admin';
            return (
              <tr key={r.id}>
                <td>{t(`role.${r.role}`)}</td>
                <td>{r.scopeUnitId ? `${r.scopeUnitName} (${r.scopeUnitCode})` : t('people.region')}</td>
                <td>{r.validFrom ? f.date(r.validFrom) : '–'}</td>
                <td>{r.validTo ? f.date(r.validTo) : t('people.untilFurther')}</td>
                <td>
                  <span className="badge">{t(`people.roleState.${state}`)}</span>
                </td>
                <td>
                  {!ended && !endsToday && !ownAdmin && (
                    <button
                      type="button"
                      disabled={end.isPending}
                      onClick={() => end.mutate({ assignmentId: r.id })}
                    >
                      {t('people.endRole')}
                      <span className="visually-hidden">
                        {' '}
                        {t(`role.${r.role}`)} {r.scopeUnitId ? r.scopeUnitCode : t('people.region')}
                      </span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t('people.endHint')}</p>
    </>
  );
}
