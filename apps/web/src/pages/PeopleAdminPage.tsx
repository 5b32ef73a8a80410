import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ROLES } from '@domain/enums';
import { useOrg } from '../api/org';
import { usePeople, type PeopleFilter } from '../api/people';
import { Loading } from '../components/Loading';
import { Pager } from '../components/Pager';
import { ProblemNotice } from '../components/ProblemNotice';
import { NewPersonForm } from './people/NewPersonForm';
import { RoleLine } from './people/RoleLine';
import { ScopeOptions } from './people/ScopeOptions';

/** The admin's register of people: search, filter by role, unit and whether active, and page through. */
export function PeopleAdminPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const [filter, setFilter] = useState<PeopleFilter>({ active: 'true', page: 1 });
  const people = usePeople(filter);
  const onSearch = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const value = (k: string) => (data.get(k) as string) || undefined;
    setFilter({
      q: value('q'),
      role: value('role'),
      scopeUnitId: value('scopeUnitId'),
      active: (value('active') as PeopleFilter['active']) ?? 'all',
      page: 1,
    });
  };
  return (
    <section>
      <h1>{t('people.title')}</h1>
      <p className="lead">{t('people.intro')}</p>
      <form className="filters" role="search" onSubmit={onSearch} aria-label={t('people.searchLabel')}>
        <div className="field">
          <label htmlFor="people-q">{t('people.search')}</label>
          <p className="hint" id="people-q-hint">
            {t('people.searchHint')}
          </p>
          <input
            id="people-q"
            name="q"
            type="search"
            aria-describedby="people-q-hint"
            defaultValue={filter.q}
          />
        </div>
        <div className="field">
          <label htmlFor="people-role">{t('people.role')}</label>
          <select id="people-role" name="role" defaultValue={filter.role ?? ''}>
            <option value="">{t('people.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-scope">{t('people.unit')}</label>
          <select id="people-scope" name="scopeUnitId" defaultValue={filter.scopeUnitId ?? ''}>
            <option value="">{t('people.anyUnit')}</option>
            <ScopeOptions divisions={org.data} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-active">{t('people.activeFilter')}</label>
          <select id="people-active" name="active" defaultValue={filter.active}>
            <option value="true">{t('people.activeOnly')}</option>
            <option value="false">{t('people.inactiveOnly')}</option>
            <option value="all">{t('people.all')}</option>
          </select>
        </div>
        <button type="submit" className="primary">
          {t('people.searchButton')}
        </button>
      </form>
      {people.isPending && <Loading />}
      <ProblemNotice error={people.error} />
      {people.data && people.data.items.length === 0 && <p className="empty">{t('people.empty')}</p>}
      {people.data && people.data.items.length > 0 && (
        <>
          <p className="meta" role="status">
            {t('people.count', { count: people.data.total })}
          </p>
          <table className="table">
            <caption className="visually-hidden">{t('people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.employeeId')}</th>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('people.roles')}</th>
                <th scope="col">{t('people.state')}</th>
              </tr>
            </thead>
            <tbody>
              {people.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/admin/people/${p.id}`}>{p.displayName}</Link>
                    <br />
                    <span className="meta">{p.username}</span>
                  </td>
                  <td>{p.employeeId ?? '–'}</td>
                  <td>{p.email ?? '–'}</td>
                  <td>
                    <ul className="plain">
                      {p.roles
                        .filter((r) => r.inForce)
                        .map((r) => (
                          <li key={r.id}>
                            <RoleLine role={r} />
                          </li>
                        ))}
                    </ul>
                  </td>
                  <td>
                    <span className="badge">{p.active ? t('people.active') : t('people.inactive')}</span>
                    {!p.identity && <span className="badge">{t('people.notLinked')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager list={people.data} onPage={(page) => setFilter({ ...filter, page })} />
        </>
      )}
      <NewPersonForm />
    </section>
  );
}
