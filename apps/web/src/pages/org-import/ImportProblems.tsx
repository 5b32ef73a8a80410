import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../api/types';
import { useTranslateFieldMessage } from '../../i18n/field-messages';

/** Every bad row with its sheet, its line as the spreadsheet numbers it, and the field: nothing was applied. */
export function ImportProblems({
  fileName,
  problems,
}: {
  fileName: string;
  problems: ImportOutcome['problems'];
}) {
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  return (
    <section aria-labelledby="org-import-problems">
      <div className="notice notice-error" role="alert">
        <p>
          <strong id="org-import-problems">
            {t('orgImport.problemsTitle', { count: problems.length, file: fileName })}
          </strong>
        </p>
        <p>{t('orgImport.problemsIntro')}</p>
      </div>
      <table className="table">
        <caption className="visually-hidden">{t('orgImport.problemsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgImport.sheet')}</th>
            <th scope="col">{t('orgImport.line')}</th>
            <th scope="col">{t('orgImport.field')}</th>
            <th scope="col">{t('orgImport.message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{p.sheet}</td>
              <td>{p.line === 0 ? t('orgImport.wholeFile') : p.line}</td>
              <td>{t(`orgImport.fieldName.${p.field}`, { defaultValue: p.field })}</td>
              <td>{translate(p.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
