import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '@domain/enums';

export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
