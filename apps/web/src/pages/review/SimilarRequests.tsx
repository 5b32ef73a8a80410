import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRequestList } from '../../api/requests';
import type { RequestDetail } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format/format';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { RequestName } from '../../components/RequestName';

/** The unit's earlier requests: whether this is the third call-off this quarter matters to the decision. */
export function SimilarRequests({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useRequestList({ unitId: request.unitId, pageSize: 11 });
  const others = (list.data?.items ?? []).filter((r) => r.id !== request.id).slice(0, 10);
  return (
    <section className="card" aria-labelledby="similar-title">
      <h2 id="similar-title">{t('similar.title')}</h2>
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error} />
      {list.data && others.length === 0 && <p>{t('similar.none')}</p>}
      {others.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">{t('similar.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('myRequests.submitted')}</th>
              <th scope="col">{t('myRequests.request')}</th>
              <th scope="col">{t('myRequests.cost')}</th>
              <th scope="col">{t('myRequests.status')}</th>
            </tr>
          </thead>
          <tbody>
            {others.map((r) => (
              <tr key={r.id}>
                <td>{f.date(r.submittedAt)}</td>
                <td>
                  <Link to={`/requests/${r.id}`}>
                    <RequestName request={r} />
                  </Link>
                </td>
                <td className="num">{f.kronor(r.costSek)}</td>
                <td>
                  <StatusBadge status={r.status} reason={r.statusReason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
