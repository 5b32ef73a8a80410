import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReviewPeriods } from '../api/periods';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { stockholmToday } from '../format/dates';
import { useFormat } from '../format/format';
import { CorrectPeriodForm } from './periods/CorrectPeriodForm';
import { NewPeriodForm } from './periods/NewPeriodForm';
import { PeriodEndForm } from './periods/PeriodEndForm';
import { PeriodWarnings } from './periods/PeriodWarnings';

export function ReviewPeriodsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const admin = session.has('admin');
  const periods = useReviewPeriods();
  // One form open at a time: which period, and what the admin is doing to it.
  const [open, setOpen] = useState<{ id: string; form: 'extend' | 'end' | 'correct' } | null>(null);
  const close = () => setOpen(null);
  const today = stockholmToday();
  const items = periods.data?.items ?? [];
  const byId = new Map(items.map((p) => [p.id, p]));

  return (
    <section>
      <h1>{t('periods.title')}</h1>
      <p className="lead">{t('periods.intro')}</p>
      {periods.isPending && <Loading />}
      <ProblemNotice error={periods.error} />
      {periods.data && <PeriodWarnings periods={items} />}
      {periods.data && items.length === 0 && <p className="empty">{t('periods.empty')}</p>}
      {items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('periods.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('periods.kind')}</th>
              <th scope="col">{t('periods.validity')}</th>
              <th scope="col">{t('periods.decisionRef')}</th>
              <th scope="col">{t('periods.decidedBy')}</th>
              <th scope="col">{t('periods.state')}</th>
              {admin && (
                <th scope="col">
                  <span className="visually-hidden">{t('periods.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const state = p.validTo < today ? 'ended' : p.validFrom > today ? 'coming' : 'current';
              const extended = items.some((x) => x.extendsId === p.id);
              const base = p.extendsId ? byId.get(p.extendsId) : undefined;
              return (
                <Fragment key={p.id}>
                  <tr>
                    <td>{t(`kindPlural.${p.kind}`)}</td>
                    <td>
                      {f.date(p.validFrom)} – {f.date(p.validTo)}
                      {base && (
                        <>
                          <br />
                          <span className="meta">{t('periods.extends', { ref: base.decisionRef })}</span>
                        </>
                      )}
                      {p.endedEarly && (
                        <>
                          <br />
                          <span className="meta">
                            {t('periods.endedEarly', {
                              ref: p.endedEarly.decisionRef,
                              date: f.date(p.endedEarly.decidedOn),
                            })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {p.decisionRef}
                      <br />
                      <span className="meta">
                        {t('periods.decidedOnShort', { date: f.date(p.decidedOn) })}
                      </span>
                    </td>
                    <td>{p.decidedBy}</td>
                    <td>
                      <span className={`badge period-${state}`}>{t(`periods.stateName.${state}`)}</span>
                      {extended && <span className="badge">{t('periods.extended')}</span>}
                    </td>
                    {admin && (
                      <td>
                        {open?.id !== p.id && (
                          <div className="actions">
                            {!extended && state !== 'ended' && (
                              <button type="button" onClick={() => setOpen({ id: p.id, form: 'extend' })}>
                                {t('periods.extend')}
                                <span className="visually-hidden"> {p.decisionRef}</span>
                              </button>
                            )}
                            {!extended && state !== 'ended' && (
                              <button type="button" onClick={() => setOpen({ id: p.id, form: 'end' })}>
                                {t('periods.endEarly')}
                                <span className="visually-hidden"> {p.decisionRef}</span>
                              </button>
                            )}
                            <button type="button" onClick={() => setOpen({ id: p.id, form: 'correct' })}>
                              {t('periods.correct')}
                              <span className="visually-hidden"> {p.decisionRef}</span>
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                  {open?.id === p.id && (
                    <tr>
                      <td colSpan={admin ? 6 : 5}>
                        {open.form === 'extend' && <PeriodEndForm kind="extend" period={p} onDone={close} />}
                        {open.form === 'end' && <PeriodEndForm kind="end" period={p} onDone={close} />}
                        {open.form === 'correct' && <CorrectPeriodForm period={p} onDone={close} />}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {admin && <NewPeriodForm />}
    </section>
  );
}
