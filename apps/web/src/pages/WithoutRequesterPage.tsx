import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  useChangeRequester,
  useRequestsWithoutRequester,
  type RequestsWithoutRequester,
} from '../api/leavers';
import { ProblemError } from '../api/problem';
import { Loading } from '../components/Loading';
import { RequestName } from '../components/RequestName';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { useTranslateFieldMessage } from '../i18n/field-messages';

type Item = RequestsWithoutRequester['items'][number];

/** One request and the HR lead's choice of its new requester. */
function MoveRow({ item }: { item: Item }) {
  const { t } = useTranslation();
  const f = useFormat();
  const translate = useTranslateFieldMessage();
  const change = useChangeRequester();
  const [userId, setUserId] = useState('');
  const fieldError = change.error instanceof ProblemError ? change.error.byField().userId : undefined;
  const select = `requester-${item.id}`;
  return (
    <tr>
      <td>
        <Link to={`/requests/${item.id}`}>
          <RequestName request={item} />
        </Link>
        <br />
        <span className="meta">
          {t(`kind.${item.kind}`)}, {t(`status.${item.status}`)}, {f.date(item.submittedAt)}
        </span>
      </td>
      <td>
        {item.unitName}
        <br />
        <span className="meta">{item.divisionName}</span>
      </td>
      <td>
        {item.requesterName}
        <br />
        <span className="meta">{t(`withoutRequester.reason.${item.reason}`)}</span>
      </td>
      <td>
        {item.candidates.length === 0 ? (
          <p>{t('withoutRequester.noCandidates')}</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (userId) change.mutate({ requestId: item.id, userId });
            }}
          >
            {change.error && !fieldError ? <ProblemNotice error={change.error} /> : null}
            <div className={`field${fieldError ? ' has-error' : ''}`}>
              <label htmlFor={select}>{t('withoutRequester.to')}</label>
              <select
                id={select}
                aria-invalid={Boolean(fieldError)}
                aria-describedby={fieldError ? `${select}-error` : undefined}
                value={userId}
                onChange={(e) => setUserId(e.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {item.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                  </option>
                ))}
              </select>
              {fieldError && (
                <p className="field-error" id={`${select}-error`}>
                  {translate(fieldError)}
                </p>
              )}
            </div>
            <div className="actions">
              <button type="submit" disabled={!userId || change.isPending}>
                {t('withoutRequester.submit')}
              </button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}

/** "Ärenden utan beställare": open requests whose requester left or lost the role, for the HR lead to move. */
export function WithoutRequesterPage() {
  const { t } = useTranslation();
  const list = useRequestsWithoutRequester();
  return (
    <section>
      <h1>{t('withoutRequester.title')}</h1>
      <p className="lead">{t('withoutRequester.intro')}</p>
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error} />
      {list.data && list.data.items.length === 0 && <p className="empty">{t('withoutRequester.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('withoutRequester.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('withoutRequester.request')}</th>
              <th scope="col">{t('withoutRequester.unit')}</th>
              <th scope="col">{t('withoutRequester.requester')}</th>
              <th scope="col">{t('withoutRequester.move')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((item) => (
              <MoveRow key={item.id} item={item} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
