import { useTranslation } from 'react-i18next';
import { WITHDRAWAL_REASONS, type RequestStatus } from '@domain/enums';
import { standingOf } from '@domain/review-state';

/** The request's status; a withdrawn one says whether its requester withdrew it or it lapsed uncompleted. */
export function StatusBadge({ status, reason }: { status: RequestStatus; reason?: string | null }) {
  const { t } = useTranslation();
  const withdrawnAs = standingOf(status) === 'withdrawn' && WITHDRAWAL_REASONS.find((r) => r === reason);
  return (
    <span className={`badge status-${status}`}>
      {withdrawnAs ? t(`withdrawnAs.${withdrawnAs}`) : t(`status.${status}`)}
    </span>
  );
}
