import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SCREEN_PAGE_SIZE } from '@contracts/paging';
import { unitIndex, useOrg } from '../api/org';
import { useRequestList } from '../api/requests';
import { useSession } from '../auth/session';
import { DueTime } from '../components/DueTime';
import { Loading } from '../components/Loading';
import { Pager } from '../components/Pager';
import { ProblemNotice } from '../components/ProblemNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useFormat } from '../format/format';
import { RequestName } from '../components/RequestName';
import { CaseNumberSearch } from '../components/CaseNumberSearch';

/** A requester's own requests; other roles see the requests of their scope. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const requester = session.has('requester');
  const [page, setPage] = useState(1);
  const [caseNumber, setCaseNumber] = useState<string>();
  const list = useRequestList({
    mine: requester ? 'true' : undefined,
    caseNumber,
    page,
    pageSize: SCREEN_PAGE_SIZE,
  });
  const units = unitIndex(useOrg().data);

  return (
    <section>
      <div className="page-head">
        <h1>{t(requester ? 'myRequests.title' : 'myRequests.titleScope')}</h1>
        {requester && (
          <Link className="button primary" to="/requests/new">
            {t('nav.newRequest')}
          </Link>
        )}
      </div>
      <CaseNumberSearch
        onSearch={(c) => {
          setCaseNumber(c);
          setPage(1);
        }}
      />
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error} />
      {list.data && list.data.items.length === 0 && <p className="empty">{t('myRequests.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <table className="table stack">
            <caption className="visually-hidden">{t('myRequests.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('myRequests.submitted')}</th>
                <th scope="col">{t('myRequests.request')}</th>
                <th scope="col">{t('myRequests.unit')}</th>
                <th scope="col">{t('myRequests.cost')}</th>
                <th scope="col">{t('myRequests.status')}</th>
                <th scope="col">{t('myRequests.stage')}</th>
                <th scope="col">{t('myRequests.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('myRequests.submitted')}>{f.date(r.submittedAt)}</td>
                  <td className="card-title">
                    <Link to={`/requests/${r.id}`}>
                      <RequestName request={r} />
                    </Link>
                    <br />
                    <span className="meta">{t(`kind.${r.kind}`)}</span>
                  </td>
                  <td data-label={t('myRequests.unit')}>{units.get(r.unitId)?.name ?? '–'}</td>
                  <td className="num" data-label={t('myRequests.cost')}>
                    {f.kronor(r.costSek)}
                  </td>
                  <td data-label={t('myRequests.status')}>
                    <StatusBadge status={r.status} reason={r.statusReason} />
                  </td>
                  <td data-label={t('myRequests.stage')}>
                    {r.currentStage ? t(`stage.${r.currentStage.name}`) : '–'}
                  </td>
                  <td className="card-due" data-label={t('myRequests.due')}>
                    {r.currentStage ? <DueTime dueAt={r.currentStage.dueAt} /> : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager list={list.data} onPage={setPage} />
        </>
      )}
    </section>
  );
}
