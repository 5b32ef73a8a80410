import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/format';
import { useNow } from '../format/use-now';

/** A deadline with the overdue mark that reviewers triage by. */
export function DueTime({ dueAt, overdue }: { dueAt: string; overdue?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const late = overdue ?? new Date(dueAt).getTime() < now;
  return (
    <span className={late ? 'due overdue' : 'due'}>
      <time dateTime={dueAt}>{f.dateTime(dueAt)}</time>
      {late && <span className="badge badge-overdue">{t('common.overdue')}</span>}
    </span>
  );
}
