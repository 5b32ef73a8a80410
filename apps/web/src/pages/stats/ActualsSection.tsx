import { useTranslation } from 'react-i18next';
import { type ActualsStats, useActualsStats } from '../../api/cost';
import type { StatsFilter } from '../../api/stats';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useFormat } from '../../format/format';

/**
 * "Utfall och mål": the ledger's actuals per month against the same month a year earlier, the agency share of the
 * total staff cost against the targets' ceiling and the national aim of 2 %, and each target's progress. Every
 * figure has its definition beside it; amounts in tkr (thousand kronor) in the table, kr in the progress.
 */
export function ActualsSection({ filter }: { filter: StatsFilter }) {
  const { t } = useTranslation();
  const stats = useActualsStats({
    from: filter.from?.slice(0, 7),
    to: filter.to?.slice(0, 7),
    divisionId: filter.divisionId,
    unitId: filter.unitId,
  });
  return (
    <section aria-labelledby="actuals-title" className="actuals">
      <h2 id="actuals-title">{t('actuals.title')}</h2>
      <p>{t('actuals.intro')}</p>
      <ProblemNotice error={stats.error} />
      {stats.isPending && <Loading />}
      {stats.data && stats.data.totals.monthsWithActuals.length === 0 && (
        <p className="notice">{t('actuals.none')}</p>
      )}
      {stats.data && stats.data.totals.monthsWithActuals.length > 0 && <ActualsFigures s={stats.data} />}
    </section>
  );
}

function ActualsFigures({ s }: { s: ActualsStats }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tkr = (v: number | null) => (v === null ? '–' : `${f.number(v / 1000)} tkr`);
  const pct = (v: number | null) => (v === null ? '–' : `${f.number(v * 100, 1)} %`);
  const months = (ms: string[]) =>
    ms.length === 0
      ? '–'
      : ms.length === 1
        ? f.month(ms[0])
        : `${f.month(ms[0])}–${f.month(ms[ms.length - 1])}`;
  const aim = pct(s.nationalAim);
  return (
    <>
      <dl className="definitions">
        <dt>{t('actuals.agency')}</dt>
        <dd>{t('actuals.agencyDef')}</dd>
        <dt>{t('actuals.own')}</dt>
        <dd>{t('actuals.ownDef')}</dd>
        <dt>{t('actuals.share')}</dt>
        <dd>{t('actuals.shareDef', { aim })}</dd>
      </dl>
      <p>
        <strong>{t('actuals.shareTotal', { share: pct(s.totals.agencyShare), aim })}</strong>{' '}
        {t('actuals.shareTotalDef', { months: months(s.totals.monthsWithActuals) })}
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption>{t('actuals.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actuals.month')}</th>
              <th scope="col">{t('actuals.agencyTkr')}</th>
              <th scope="col">{t('actuals.agencyYearEarlierTkr')}</th>
              <th scope="col">{t('actuals.agencyChangeTkr')}</th>
              <th scope="col">{t('actuals.reviewAccruedTkr')}</th>
              <th scope="col">{t('actuals.ownTkr')}</th>
              <th scope="col">{t('actuals.ownYearEarlierTkr')}</th>
              <th scope="col">{t('actuals.sharePct')}</th>
              <th scope="col">{t('actuals.shareYearEarlierPct')}</th>
            </tr>
          </thead>
          <tbody>
            {s.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{f.month(`${m.month}-01`)}</th>
                <td>{tkr(m.agencySek)}</td>
                <td>{tkr(m.yearEarlier.agencySek)}</td>
                <td>{tkr(m.agencyChangeSek)}</td>
                <td>{tkr(m.review.callOffAccruedSek)}</td>
                <td>{tkr(m.ownStaffSek)}</td>
                <td>{tkr(m.yearEarlier.ownStaffSek)}</td>
                <td>{pct(m.agencyShare)}</td>
                <td>{pct(m.yearEarlier.agencyShare)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('actuals.total')}</th>
              <td>{tkr(s.totals.agencySek)}</td>
              <td />
              <td>{tkr(s.totals.agencyChangeSek)}</td>
              <td>{tkr(s.months.reduce((n, m) => n + m.review.callOffAccruedSek, 0))}</td>
              <td>{tkr(s.totals.ownStaffSek)}</td>
              <td />
              <td>{pct(s.totals.agencyShare)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="meta">{t('actuals.changeDef', { months: months(s.totals.comparedMonths) })}</p>
      <p className="meta">{t('actuals.reviewAccruedDef')}</p>
      <h3>{t('actuals.progressTitle')}</h3>
      {s.years.every((y) => y.targets.length === 0) && <p>{t('actuals.noTargets')}</p>}
      {s.years
        .filter((y) => y.targets.length > 0)
        .map((y) => (
          <table className="table" key={y.year}>
            <caption>{t('actuals.progressCaption', { year: y.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actuals.scope')}</th>
                <th scope="col">{t('actuals.reductionTarget')}</th>
                <th scope="col">{t('actuals.reductionAchieved')}</th>
                <th scope="col">{t('actuals.shareYtd')}</th>
                <th scope="col">{t('actuals.ceiling')}</th>
                <th scope="col">{t('actuals.nationalAim', { aim })}</th>
              </tr>
            </thead>
            <tbody>
              {y.targets.map(({ target, progress: p }) => (
                <tr key={target.id}>
                  <th scope="row">{target.divisionName ?? t('targets.region')}</th>
                  <td>{f.kronor(target.agencyReductionSek)}</td>
                  <td>
                    {f.kronor(p.achievedReductionSek)}
                    {p.reductionProgress !== null && ` (${pct(p.reductionProgress)})`}
                    <br />
                    <span className="meta">
                      {t('actuals.achievedDef', { months: months(p.comparedMonths) })}
                    </span>
                  </td>
                  <td>
                    {pct(p.shareYearToDate)}
                    <br />
                    <span className="meta">
                      {t('actuals.shareYtdDef', { months: months(p.monthsWithActuals) })}
                    </span>
                  </td>
                  <td>
                    {pct(target.agencyShareCeiling)}{' '}
                    {p.withinCeiling !== null && (p.withinCeiling ? t('actuals.within') : t('actuals.above'))}
                  </td>
                  <td>
                    {p.withinNationalAim === null
                      ? '–'
                      : p.withinNationalAim
                        ? t('actuals.withinAim')
                        : t('actuals.aboveAim')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
