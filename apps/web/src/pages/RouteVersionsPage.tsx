import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateDraft, usePolicyVersions } from '../api/policy-versions';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { RouteEditor } from './routes/RouteEditor';

/** Beslutsvägar: the route versions (in force, coming, past, drafts) and the editor of a draft. */
export function RouteVersionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const versions = usePolicyVersions();
  const create = useCreateDraft();
  const [editing, setEditing] = useState<number | null>(null);
  const items = versions.data?.items ?? [];
  const selected = items.find((v) => v.version === editing);
  const copy = async (from: number | 'recommending') => setEditing((await create.mutateAsync(from)).version);

  return (
    <section>
      <h1>{t('routes.title')}</h1>
      <p className="lead">{t('routes.intro')}</p>
      {versions.isPending && <Loading />}
      <ProblemNotice error={versions.error ?? create.error} />
      {items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('routes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routes.version')}</th>
              <th scope="col">{t('routes.state')}</th>
              <th scope="col">{t('routes.validFrom')}</th>
              <th scope="col">{t('periods.decisionRef')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('periods.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version}>
                <td>{t('routes.versionName', { version: v.version })}</td>
                <td>
                  <span className={`badge route-${v.state}`}>{t(`routes.stateName.${v.state}`)}</span>
                  {v.copiedFrom && (
                    <span className="meta"> {t('routes.copiedFrom', { version: v.copiedFrom })}</span>
                  )}
                </td>
                <td>{f.date(v.validFrom)}</td>
                <td>
                  {v.decisionRef ?? '–'}
                  {v.decidedOn && (
                    <>
                      <br />
                      <span className="meta">
                        {t('periods.decidedOnShort', { date: f.date(v.decidedOn) })}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  {v.state === 'draft' ? (
                    <button
                      type="button"
                      onClick={() => setEditing(v.version)}
                      aria-pressed={editing === v.version}
                    >
                      {t('routes.edit', { version: v.version })}
                    </button>
                  ) : (
                    <button type="button" onClick={() => copy(v.version)} disabled={create.isPending}>
                      {t('routes.copy', { version: v.version })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" onClick={() => copy('recommending')} disabled={create.isPending}>
          {t('routes.fromTemplate')}
        </button>{' '}
        <span className="meta">{t('routes.fromTemplateHint')}</span>
      </p>
      {selected?.state === 'draft' && <RouteEditor key={selected.version} version={selected} />}
      {/* The draft just published: its editor is gone, the version stands in the table above. */}
      {selected && selected.state !== 'draft' && (
        <p className="notice notice-success" role="status">
          {t('routes.published', { version: selected.version, date: f.date(selected.validFrom) })}
        </p>
      )}
    </section>
  );
}
