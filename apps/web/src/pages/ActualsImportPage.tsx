import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActualsImportOutcome, downloadActualsTemplate, useActualsImport } from '../api/cost';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { ImportProblems } from './org-import/ImportProblems';

type Plan = NonNullable<ActualsImportOutcome['plan']>;
/** Enough to check a plan by eye; the counts always cover all of it. */
const SHOWN = 200;

/**
 * Actuals from the ledger's export, as the organisation import: a dry run first (the plan, or every bad row), then
 * the import of exactly the file that was tried. Choosing another file asks for a new dry run.
 */
export function ActualsImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState<{ file: File; outcome: ActualsImportOutcome } | null>(null);
  const [applied, setApplied] = useState<{ file: File; plan: Plan } | null>(null);
  const upload = useActualsImport();
  const [templateError, setTemplateError] = useState<unknown>(null);

  const dryRun = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setApplied(null);
    upload.mutate(
      { file, apply: false },
      { onSuccess: (outcome) => setTried({ file, outcome }), onError: () => setTried(null) },
    );
  };
  const apply = () => {
    if (!tried) return;
    upload.mutate(
      { file: tried.file, apply: true },
      {
        onSuccess: (outcome) => {
          if (outcome.applied && outcome.plan) {
            setApplied({ file: tried.file, plan: outcome.plan });
            setTried(null);
          } else setTried({ file: tried.file, outcome });
        },
      },
    );
  };
  const plan = tried?.outcome.plan;
  const hasChanges = plan && plan.create.length + plan.change.length > 0;

  return (
    <section>
      <h1>{t('actualsImport.title')}</h1>
      <p className="lead">{t('actualsImport.intro')}</p>
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setTemplateError(null);
            downloadActualsTemplate().catch(setTemplateError);
          }}
        >
          {t('actualsImport.template')}
        </button>
      </p>
      <ProblemNotice error={templateError} />
      <form className="card" onSubmit={dryRun} aria-label={t('actualsImport.formLabel')}>
        <div className="field">
          <label htmlFor="actuals-import-file">{t('orgImport.file')}</label>
          <p className="hint" id="actuals-import-file-hint">
            {t('actualsImport.fileHint')}
          </p>
          <input
            id="actuals-import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="actuals-import-file-hint"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setTried(null);
              setApplied(null);
              upload.reset();
            }}
          />
        </div>
        <button type="submit" disabled={!file || upload.isPending}>
          {t('orgImport.dryRun')}
        </button>
      </form>
      {upload.isPending && (
        <p role="status" className="meta">
          {t('orgImport.working')}
        </p>
      )}
      <ProblemNotice error={upload.error} />
      {tried && tried.outcome.problems.length > 0 && (
        <ImportProblems fileName={tried.file.name} problems={tried.outcome.problems} />
      )}
      {tried && plan && (
        <section aria-labelledby="actuals-import-plan">
          <h2 id="actuals-import-plan">{t('orgImport.planTitle', { file: tried.file.name })}</h2>
          <p className="meta">{t('actualsImport.rowsRead', { count: tried.outcome.rows })}</p>
          <ActualsPlanView plan={plan} />
          {hasChanges ? (
            <button type="button" onClick={apply} disabled={upload.isPending}>
              {t('orgImport.apply')}
            </button>
          ) : (
            <p className="notice">{t('actualsImport.nothingToDo')}</p>
          )}
        </section>
      )}
      {applied && (
        <div className="notice notice-success" role="status">
          <p>
            <strong>{t('orgImport.applied', { file: applied.file.name })}</strong>
          </p>
          <ActualsPlanView plan={applied.plan} summaryOnly />
        </div>
      )}
    </section>
  );
}

/** What the import will do (or did): counts, and each month and unit it creates or changes, before → after. */
function ActualsPlanView({ plan, summaryOnly }: { plan: Plan; summaryOnly?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const amounts = (v: Plan['create'][number]['before']) =>
    v ? `${f.kronor(v.agencyCostSek)} / ${f.kronor(v.ownStaffCostSek)}` : '–';
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">{t('orgImport.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgImport.change')}</th>
            <th scope="col">{t('actualsImport.rows')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('orgImport.group.create')}</th>
            <td>{plan.create.length}</td>
          </tr>
          <tr>
            <th scope="row">{t('orgImport.group.change')}</th>
            <td>{plan.change.length}</td>
          </tr>
          <tr>
            <th scope="row">{t('orgImport.group.unchanged')}</th>
            <td>{plan.unchanged}</td>
          </tr>
        </tbody>
      </table>
      {!summaryOnly &&
        (['create', 'change'] as const)
          .filter((g) => plan[g].length > 0)
          .map((g) => (
            <details key={g}>
              <summary>{t(`orgImport.details.${g}`, { count: plan[g].length })}</summary>
              <table className="table">
                <caption className="visually-hidden">
                  {t(`orgImport.details.${g}`, { count: plan[g].length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('actualsImport.month')}</th>
                    <th scope="col">{t('actualsImport.code')}</th>
                    {g === 'change' && <th scope="col">{t('actualsImport.before')}</th>}
                    <th scope="col">{t('actualsImport.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan[g].slice(0, SHOWN).map((i) => (
                    <tr key={`${i.month}|${i.code}`}>
                      <td>{i.month.slice(0, 7)}</td>
                      <td>
                        <code>{i.code}</code>
                      </td>
                      {g === 'change' && <td>{amounts(i.before)}</td>}
                      <td>{amounts(i.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {plan[g].length > SHOWN && (
                <p className="meta">{t('orgImport.more', { count: plan[g].length - SHOWN })}</p>
              )}
            </details>
          ))}
    </>
  );
}
