import { useTranslation } from 'react-i18next';
import type { Stage } from '../../api/types';
import { useFormat } from '../../format/format';
import { DueTime } from '../../components/DueTime';

export function Stages({ stages }: { stages: Stage[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (stages.length === 0) return <p>{t('stages.none')}</p>;
  return (
    <table className="table compact">
      <caption className="visually-hidden">{t('stages.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stages.stage')}</th>
          <th scope="col">{t('stages.opened')}</th>
          <th scope="col">{t('stages.due')}</th>
          <th scope="col">{t('stages.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((s) => (
          <tr key={s.id}>
            <td>
              {t(`stage.${s.name}`)}
              {s.escalationLevel > 0 && (
                <span className="badge badge-escalated">
                  {t('common.escalated', { level: s.escalationLevel })}
                </span>
              )}
            </td>
            <td>{f.dateTime(s.openedAt)}</td>
            <td>{s.closedAt ? f.dateTime(s.dueAt) : <DueTime dueAt={s.dueAt} />}</td>
            <td>
              {s.closedAt
                ? `${t(`stageOutcome.${s.outcome ?? 'closed'}`)} (${f.dateTime(s.closedAt)})`
                : t('stages.open')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
