import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../api/types';

type Plan = NonNullable<ImportOutcome['plan']>;
type Item = Plan['create'][number];
const GROUPS = ['create', 'change', 'deactivate'] as const;
/** Enough to check a plan by eye; the counts above always cover all of it. */
const SHOWN = 200;

const countOf = (items: Item[], entity: Item['entity']) => items.filter((i) => i.entity === entity).length;

/** The fields of a row that the plan changes, by their names in the template. */
function changedFields(item: Item): string[] {
  if (!item.before) return [];
  const before = item.before as Record<string, unknown>;
  const after = item.after as Record<string, unknown>;
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** What an import will do (or did): counts per kind of change, and each unit or person it touches. */
export function ImportPlanView({ plan, summaryOnly }: { plan: Plan; summaryOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">{t('orgImport.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgImport.change')}</th>
            <th scope="col">{t('orgImport.units')}</th>
            <th scope="col">{t('orgImport.people')}</th>
          </tr>
        </thead>
        <tbody>
          {GROUPS.map((g) => (
            <tr key={g}>
              <th scope="row">{t(`orgImport.group.${g}`)}</th>
              <td>{countOf(plan[g], 'unit')}</td>
              <td>{countOf(plan[g], 'person')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('orgImport.group.unchanged')}</th>
            <td>{plan.unchanged.units}</td>
            <td>{plan.unchanged.people}</td>
          </tr>
        </tbody>
      </table>
      {!summaryOnly &&
        GROUPS.filter((g) => plan[g].length > 0).map((g) => (
          <details key={g}>
            <summary>{t(`orgImport.details.${g}`, { count: plan[g].length })}</summary>
            <table className="table">
              <caption className="visually-hidden">
                {t(`orgImport.details.${g}`, { count: plan[g].length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('orgImport.kind')}</th>
                  <th scope="col">{t('orgImport.key')}</th>
                  <th scope="col">{t('orgImport.name')}</th>
                  {g === 'change' && <th scope="col">{t('orgImport.fields')}</th>}
                </tr>
              </thead>
              <tbody>
                {plan[g].slice(0, SHOWN).map((i) => (
                  <tr key={`${i.entity}:${i.key}`}>
                    <td>{t(`orgImport.entity.${i.entity}`)}</td>
                    <td>
                      <code>{i.key}</code>
                    </td>
                    <td>{i.after.name}</td>
                    {g === 'change' && (
                      <td>
                        {changedFields(i)
                          .map((f) => t(`orgImport.fieldName.${f}`))
                          .join(', ')}
                      </td>
                    )}
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
