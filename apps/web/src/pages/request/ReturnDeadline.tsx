import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../api/types';
import { useFormat } from '../../format/format';

/**
 * A returned request's deadline for completion: the requester learns by when to send it in again, not only that
 * it is closed some day if they do not (the API computes it as the review waits for it: answerReturnBy).
 */
export function ReturnDeadline({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (request.status !== 'returned' || !request.answerReturnBy) return null;
  return (
    <p className="notice notice-warning return-deadline" data-testid="return-deadline">
      <strong>{t('caseRef.answerReturnByTitle')}:</strong>{' '}
      {t('caseRef.answerReturnBy', { due: f.dateTime(request.answerReturnBy) })}
    </p>
  );
}
