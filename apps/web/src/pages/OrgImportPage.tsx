import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadImportTemplate, useOrgImport } from '../api/org-import';
import type { ImportOutcome } from '../api/types';
import { ProblemNotice } from '../components/ProblemNotice';
import { ImportPlanView } from './org-import/ImportPlanView';
import { ImportProblems } from './org-import/ImportProblems';

/**
 * The region's organisation from its own file: a dry run first (the plan, or every bad row), then the import of
 * exactly the file that was tried. Choosing another file asks for a new dry run.
 */
export function OrgImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState<{ file: File; outcome: ImportOutcome } | null>(null);
  const [applied, setApplied] = useState<ImportOutcome | null>(null);
  const upload = useOrgImport();
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
          if (outcome.applied) {
            setApplied(outcome);
            setTried(null);
          } else setTried({ file: tried.file, outcome });
        },
      },
    );
  };
  const plan = tried?.outcome.plan;
  const hasChanges = plan && plan.create.length + plan.change.length + plan.deactivate.length > 0;

  return (
    <section>
      <h1>{t('orgImport.title')}</h1>
      <p className="lead">{t('orgImport.intro')}</p>
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setTemplateError(null);
            downloadImportTemplate().catch(setTemplateError);
          }}
        >
          {t('orgImport.template')}
        </button>
      </p>
      <ProblemNotice error={templateError} />
      <form className="card" onSubmit={dryRun} aria-label={t('orgImport.formLabel')}>
        <div className="field">
          <label htmlFor="org-import-file">{t('orgImport.file')}</label>
          <p className="hint" id="org-import-file-hint">
            {t('orgImport.fileHint')}
          </p>
          <input
            id="org-import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="org-import-file-hint"
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
        <section aria-labelledby="org-import-plan">
          <h2 id="org-import-plan">{t('orgImport.planTitle', { file: tried.file.name })}</h2>
          <p className="meta">
            {t('orgImport.rowsRead', { units: tried.outcome.rows.units, people: tried.outcome.rows.people })}
          </p>
          <ImportPlanView plan={plan} />
          {hasChanges ? (
            <button type="button" onClick={apply} disabled={upload.isPending}>
              {t('orgImport.apply')}
            </button>
          ) : (
            <p className="notice">{t('orgImport.nothingToDo')}</p>
          )}
        </section>
      )}
      {applied?.plan && (
        <div className="notice notice-success" role="status">
          <p>
            <strong>{t('orgImport.applied', { file: file?.name ?? '' })}</strong>
          </p>
          <ImportPlanView plan={applied.plan} summaryOnly />
        </div>
      )}
    </section>
  );
}
