import { useTranslation } from 'react-i18next';
import type { Summary } from '../../api/stats';
import { useFormat } from '../../format/format';

type Row = { key: string; hire: number | null; callOff: number | null };

/**
 * The money of the range per kind, in two columns that are never added up: a hire's cost is a rate (kronor per
 * year), a call-off's the total of its period. Each row says what it counts beside the figures.
 */
export function CostTable({ s }: { s: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hire = s.cost.hire;
  const callOff = s.cost.agencyCallOff;
  const rows: Row[] = [
    { key: 'requested', hire: hire.requested, callOff: callOff.requested },
    { key: 'exempted', hire: hire.exempted, callOff: callOff.exempted },
    { key: 'approved', hire: hire.approved, callOff: callOff.approved },
    { key: 'avoidedRejected', hire: hire.avoided.rejected, callOff: callOff.avoided.rejected },
    { key: 'avoidedReduced', hire: hire.avoided.reduced, callOff: callOff.avoided.reduced },
    { key: 'avoidedTotal', hire: hire.avoided.total, callOff: callOff.avoided.total },
    { key: 'accrued', hire: null, callOff: callOff.accrued },
  ];
  return (
    <section className="cost-table" aria-labelledby="cost-table-title">
      <h2 id="cost-table-title">{t('stats.cost.title')}</h2>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{t('stats.cost.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.cost.figure')}</th>
              <th scope="col" className="num">
                {t('stats.cost.hireColumn')}
              </th>
              <th scope="col" className="num">
                {t('stats.cost.callOffColumn')}
              </th>
              <th scope="col">{t('stats.cost.definition')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.key === 'avoidedTotal' ? 'total' : undefined}>
                <th scope="row">{t(`stats.cost.row.${r.key}`)}</th>
                <td className="num">{r.hire === null ? '–' : f.kronor(r.hire)}</td>
                <td className="num">{r.callOff === null ? '–' : f.kronor(r.callOff)}</td>
                <td className="definition">{t(`stats.cost.define.${r.key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('stats.cost.units')}</p>
    </section>
  );
}
