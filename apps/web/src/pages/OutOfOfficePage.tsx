import { useTranslation } from 'react-i18next';
import { useDelegations, useRevokeDelegation } from '../api/delegations';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { DelegationForm } from './out-of-office/DelegationForm';

/** "Frånvaro": who stands in for whom, and when. */
export function OutOfOfficePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useDelegations();
  const revoke = useRevokeDelegation();
  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>{t('ooo.title')}</h1>
      <p className="lead">{t('ooo.intro')}</p>
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error ?? revoke.error} />
      {list.data && items.length === 0 && <p className="empty">{t('ooo.empty')}</p>}
      {items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('ooo.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ooo.delegator')}</th>
              <th scope="col">{t('ooo.delegate')}</th>
              <th scope="col">{t('ooo.period')}</th>
              <th scope="col">{t('ooo.kind')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('periods.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{d.delegatorName}</td>
                <td>{d.delegateName}</td>
                <td>
                  {f.date(d.validFrom)} – {f.date(d.validTo)}
                </td>
                <td>{d.kind ? t(`kindPlural.${d.kind}`) : t('ooo.allKinds')}</td>
                <td>
                  <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(d.id)}>
                    {t('ooo.revoke')}
                    <span className="visually-hidden">
                      {' '}
                      {d.delegatorName} – {d.delegateName}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DelegationForm />
    </section>
  );
}
