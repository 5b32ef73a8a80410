import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminOrgUnit, type OrgFilter, type OrgUnitStatus, useAdminOrgUnits } from '../api/org-admin';
import { Field } from '../components/Field';
import { controlAttrs } from '../components/inputs';
import { Loading } from '../components/Loading';
import { Pager } from '../components/Pager';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { CloseUnitForm } from './organisation/CloseUnitForm';
import { OrgUnitForm } from './organisation/OrgUnitForm';

const STATUSES: OrgUnitStatus[] = ['all', 'open', 'closed'];
const COLUMNS = 9;

/**
 * The organisation as the admin keeps it: divisions with their units (closed ones too), each with its budget frame,
 * own staff cost, period, and what hangs on it; new ones, changes and closing, each in the admin audit log.
 */
export function OrganisationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [filter, setFilter] = useState<OrgFilter>({ q: '', status: 'all' });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<{ id: string; form: 'edit' | 'close' } | null>(null);
  const list = useAdminOrgUnits(filter, page);
  const items = list.data?.items ?? [];
  const refilter = (next: Partial<OrgFilter>) => {
    setFilter({ ...filter, ...next });
    setPage(1);
  };

  const row = (u: AdminOrgUnit) => (
    <Fragment key={u.id}>
      <tr className={u.level === 'division' ? 'org-division' : 'org-unit'}>
        <td className="org-code">{u.code}</td>
        <td>
          {u.level === 'unit' ? <span className="org-indent">{u.name}</span> : <strong>{u.name}</strong>}
          {u.level === 'unit' && u.parentCode && !items.some((d) => d.id === u.parentId) && (
            <>
              <br />
              <span className="meta">{t('orgAdmin.inDivision', { name: u.parentName })}</span>
            </>
          )}
        </td>
        <td className="num">{f.kronor(u.budgetSek)}</td>
        <td className="num">{f.kronor(u.staffCostSek)}</td>
        <td>
          {u.validFrom || u.validTo
            ? `${u.validFrom ? f.date(u.validFrom) : '…'} – ${u.validTo ? f.date(u.validTo) : '…'}`
            : t('orgAdmin.always')}
        </td>
        <td>
          <span className={`badge ${u.open ? 'period-current' : 'period-ended'}`}>
            {t(u.open ? 'orgAdmin.statusName.open' : 'orgAdmin.statusName.closed')}
          </span>
        </td>
        <td className="num">{u.openRequests}</td>
        <td className="num">{u.people}</td>
        <td className="org-actions">
          <button type="button" onClick={() => setOpen({ id: u.id, form: 'edit' })}>
            {t('orgAdmin.edit')}
            <span className="visually-hidden"> {u.code}</span>
          </button>{' '}
          {u.open && (
            <button type="button" onClick={() => setOpen({ id: u.id, form: 'close' })}>
              {t('orgAdmin.closeShort')}
              <span className="visually-hidden"> {u.code}</span>
            </button>
          )}
        </td>
      </tr>
      {open?.id === u.id && (
        <tr>
          <td colSpan={COLUMNS}>
            {open.form === 'edit' ? (
              <OrgUnitForm unit={u} onDone={() => setOpen(null)} />
            ) : (
              <CloseUnitForm unit={u} onDone={() => setOpen(null)} />
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );

  return (
    <section>
      <h1>{t('orgAdmin.title')}</h1>
      <p className="lead">{t('orgAdmin.intro')}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('orgAdmin.search')}>
          {(c) => (
            <input
              type="search"
              {...controlAttrs(c)}
              value={filter.q}
              onChange={(e) => refilter({ q: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('orgAdmin.status')}>
          {(c) => (
            <select
              {...controlAttrs(c)}
              value={filter.status}
              onChange={(e) => refilter({ status: e.target.value as OrgUnitStatus })}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`orgAdmin.statusFilter.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error} />
      {list.data && items.length === 0 && <p className="empty">{t('orgAdmin.empty')}</p>}
      {items.length > 0 && (
        // A narrow window scrolls the table rather than the page; the region takes the focus to scroll by keyboard.
        <div className="table-scroll" role="region" aria-label={t('orgAdmin.caption')} tabIndex={0}>
          <table className="table compact">
            <caption className="visually-hidden">{t('orgAdmin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orgAdmin.code')}</th>
                <th scope="col">{t('orgAdmin.name')}</th>
                <th scope="col" className="num">
                  {t('orgAdmin.budgetSek')}
                </th>
                <th scope="col" className="num">
                  {t('orgAdmin.staffCostSek')}
                </th>
                <th scope="col">{t('orgAdmin.validity')}</th>
                <th scope="col">{t('orgAdmin.status')}</th>
                <th scope="col" className="num">
                  {t('orgAdmin.openRequests')}
                </th>
                <th scope="col" className="num">
                  {t('orgAdmin.people')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('orgAdmin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>{items.map(row)}</tbody>
          </table>
        </div>
      )}
      {list.data && <Pager list={list.data} onPage={setPage} />}
      <OrgUnitForm />
    </section>
  );
}
