import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExemptions } from '../api/exemptions';
import { useOrg } from '../api/org';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { NewExemptionForm } from './exemptions/NewExemptionForm';
import { RevokeExemptionForm } from './exemptions/RevokeExemptionForm';

/** General exemptions: the executive and the admin record and revoke them; a director reads their division's. */
export function ExemptionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const recorder = session.has('executive', 'admin');
  const exemptions = useExemptions();
  const org = useOrg();
  const [revoking, setRevoking] = useState<string | null>(null);
  const items = exemptions.data?.items ?? [];
  const names = new Map<string, string>();
  for (const d of org.data ?? []) {
    names.set(d.id, d.name);
    for (const u of d.units) names.set(u.id, `${d.name} › ${u.name}`);
  }
  const columns = recorder ? 7 : 6;

  return (
    <section>
      <h1>{t('exemptions.title')}</h1>
      <p className="lead">{t('exemptions.intro')}</p>
      {!recorder && <p>{t('exemptions.readOnly')}</p>}
      {exemptions.isPending && <Loading />}
      <ProblemNotice error={exemptions.error} />
      {exemptions.data && items.length === 0 && <p className="empty">{t('exemptions.empty')}</p>}
      {items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('exemptions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exemptions.scope')}</th>
              <th scope="col">{t('exemptions.categories')}</th>
              <th scope="col">{t('exemptions.validity')}</th>
              <th scope="col">{t('exemptions.ceiling')}</th>
              <th scope="col">{t('exemptions.decision')}</th>
              <th scope="col">{t('exemptions.state')}</th>
              {recorder && (
                <th scope="col">
                  <span className="visually-hidden">{t('exemptions.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <Fragment key={e.id}>
                <tr>
                  <td>
                    {names.get(e.scopeUnitId) ?? e.scopeUnitId}
                    <br />
                    <span className="meta">{t(`kindPlural.${e.kind}`)}</span>
                  </td>
                  <td>
                    {e.occupationalCategories.length === 0
                      ? t('exemptions.allCategories')
                      : e.occupationalCategories.map((c) => t(`category.${c}`)).join(', ')}
                  </td>
                  <td>
                    {f.date(e.validFrom)} – {f.date(e.validTo)}
                    {e.revokedOn && (
                      <>
                        <br />
                        <span className="meta">
                          {t('exemptions.revokedFrom', { date: f.date(e.revokedOn) })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{f.kronor(e.costCeilingSek)}</td>
                  <td>
                    {e.decisionRef}
                    <br />
                    <span className="meta">
                      {e.decisionBody}, {f.date(e.decidedOn)}
                    </span>
                  </td>
                  <td>
                    <span className="badge">{t(`exemptions.stateName.${e.status}`)}</span>
                  </td>
                  {recorder && (
                    <td>
                      {!e.revokedOn && e.status !== 'ended' && revoking !== e.id && (
                        <button type="button" onClick={() => setRevoking(e.id)}>
                          {t('exemptions.revoke')}
                          <span className="visually-hidden"> {e.decisionRef}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
                {revoking === e.id && (
                  <tr>
                    <td colSpan={columns}>
                      <RevokeExemptionForm exemption={e} onDone={() => setRevoking(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {recorder && org.data && <NewExemptionForm divisions={org.data} />}
    </section>
  );
}
