import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClearTarget, useCostTargets, useSetTarget } from '../api/cost';
import { useOrg } from '../api/org';
import { useSession } from '../auth/session';
import { Field } from '../components/Field';
import { controlAttrs } from '../components/inputs';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { stockholmToday } from '../format/dates';
import { useFormat } from '../format/format';

const REGION = 'region';

/**
 * The board's targets per year, for the whole region or a division: a reduction of agency cost against the year
 * before (kr) and a ceiling for the agency share of total staff cost (%). Setting one replaces the year's target
 * for that division or the region; the statistics page shows the progress.
 */
export function CostTargetsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const mayEdit = session.has('admin', 'follow_up');
  const org = useOrg();
  const targets = useCostTargets();
  const set = useSetTarget();
  const clear = useClearTarget();
  const [year, setYear] = useState(stockholmToday().slice(0, 4));
  const [division, setDivision] = useState(REGION);
  const [reduction, setReduction] = useState('');
  const [ceiling, setCeiling] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const kronor = reduction.replace(/[\s\u00a0]/g, '');
    const percent = ceiling.replace(',', '.').trim();
    set.mutate(
      {
        year: Number(year),
        divisionId: division === REGION ? null : division,
        agencyReductionSek: kronor === '' ? null : Number(kronor),
        agencyShareCeiling: percent === '' ? null : Number(percent) / 100,
        note,
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const ceilingText = (v: number | null) => (v === null ? '–' : `${f.number(v * 100, 1)} %`);

  return (
    <section>
      <h1>{t('targets.title')}</h1>
      <p className="lead">{t('targets.intro')}</p>
      {targets.isPending && <Loading />}
      <ProblemNotice error={targets.error ?? clear.error} />
      {targets.data && targets.data.targets.length === 0 && <p className="notice">{t('targets.none')}</p>}
      {targets.data && targets.data.targets.length > 0 && (
        <table className="table">
          <caption>{t('targets.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('targets.year')}</th>
              <th scope="col">{t('targets.scope')}</th>
              <th scope="col">{t('targets.reduction')}</th>
              <th scope="col">{t('targets.ceiling')}</th>
              <th scope="col">{t('targets.note')}</th>
              {mayEdit && <th scope="col">{t('targets.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {targets.data.targets.map((x) => (
              <tr key={x.id}>
                <td>{x.year}</td>
                <td>{x.divisionName ?? t('targets.region')}</td>
                <td>{f.kronor(x.agencyReductionSek)}</td>
                <td>{ceilingText(x.agencyShareCeiling)}</td>
                <td>{x.note}</td>
                {mayEdit && (
                  <td>
                    <button
                      type="button"
                      onClick={() => clear.mutate(x.id)}
                      disabled={clear.isPending}
                      aria-label={t('targets.clearOne', {
                        year: x.year,
                        scope: x.divisionName ?? t('targets.region'),
                      })}
                    >
                      {t('targets.clear')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayEdit && (
        <form className="card" onSubmit={submit} noValidate aria-label={t('targets.formLabel')}>
          <h2>{t('targets.formLabel')}</h2>
          <ProblemNotice error={set.error} />
          <div className="row">
            <Field label={t('targets.year')}>
              {(c) => (
                <input
                  type="text"
                  inputMode="numeric"
                  {...controlAttrs(c)}
                  value={year}
                  onChange={(e) => setYear(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('targets.scope')} choice>
              {(c) => (
                <select {...controlAttrs(c)} value={division} onChange={(e) => setDivision(e.target.value)}>
                  <option value={REGION}>{t('targets.region')}</option>
                  {(org.data ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="row">
            <Field label={t('targets.reductionKr')} hint={t('targets.reductionHint')}>
              {(c) => (
                <input
                  type="text"
                  inputMode="numeric"
                  {...controlAttrs(c)}
                  value={reduction}
                  onChange={(e) => setReduction(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('targets.ceilingPercent')} hint={t('targets.ceilingHint')}>
              {(c) => (
                <input
                  type="text"
                  inputMode="decimal"
                  {...controlAttrs(c)}
                  value={ceiling}
                  onChange={(e) => setCeiling(e.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('targets.note')} hint={t('targets.noteHint')}>
            {(c) => <textarea {...controlAttrs(c)} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={set.isPending}>
              {t('targets.save')}
            </button>
          </div>
          {saved && (
            <p role="status" className="notice notice-success">
              {t('targets.saved')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
