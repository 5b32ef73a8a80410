import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWithdraw } from '../../api/requests';
import { ProblemNotice } from '../../components/ProblemNotice';

/** Withdrawing is final, so it takes a second, deliberate click. */
export function WithdrawPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const withdraw = useWithdraw(requestId);
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  if (!confirming) {
    return (
      <div className="actions">
        <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
          {t('request.withdraw')}
        </button>
      </div>
    );
  }
  return (
    <div className="card" role="group" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('request.withdrawTitle')}</h2>
      <p>{t('request.withdrawExplain')}</p>
      <ProblemNotice error={withdraw.error} />
      <div className="field">
        <label htmlFor="withdraw-comment">{t('request.withdrawReason')}</label>
        <textarea
          id="withdraw-comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate(comment.trim())}
        >
          {t('request.withdrawConfirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
