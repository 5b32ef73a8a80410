import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../api/types';
import { useBulkDecide, type BulkDecisionResult } from '../../api/bulk-decisions';
import { useIdempotencyKey } from '../../api/idempotency';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useRequestTitle } from '../../components/RequestName';
import { bulkTexts } from './bulk-texts';

/** The comment's limit, as the API's (libs/contracts/bulk-decisions.ts). */
const COMMENT_MAX = 4000;

export function useBulkTexts() {
  const { i18n } = useTranslation();
  return bulkTexts(i18n.language);
}

/**
 * A row's checkbox, its label naming the request. A row at another stage than the selection's cannot be
 * chosen: a bulk decision is one stage's, as the API requires.
 */
export function BulkSelectBox(props: {
  item: InboxItem;
  checked: boolean;
  otherStage: boolean;
  onToggle: (item: InboxItem) => void;
}) {
  const b = useBulkTexts();
  const title = useRequestTitle();
  const { item } = props;
  const hintId = `bulk-other-${item.requestId}`;
  return (
    <label className="bulk-select">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.otherStage}
        aria-describedby={props.otherStage ? hintId : undefined}
        onChange={() => props.onToggle(item)}
      />
      <span className="visually-hidden">{b.select(`${item.caseNumber} ${title(item)}`)}</span>
      {props.otherStage && (
        <span id={hintId} className="visually-hidden">
          {b.otherStage}
        </span>
      )}
    </label>
  );
}

/**
 * The bar under a selection: one comment, approve (or recommend, at a recommending stage) with a confirm step,
 * then what happened to each request. The result stays after the inbox refreshes, naming requests that left it.
 */
export function BulkDecisionBar(props: {
  selected: InboxItem[];
  onClear: () => void;
  onDecided: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const b = useBulkTexts();
  const title = useRequestTitle();
  const decide = useBulkDecide();
  const keyFor = useIdempotencyKey();
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<{ asked: InboxItem[]; result: BulkDecisionResult } | null>(null);
  const { selected } = props;
  // The confirm button goes away with the answer: the focus moves to the result, where the answer is read.
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);
  const stage = selected[0]?.stage;
  const recommending = selected[0]?.mode === 'recommending';

  const submit = async () => {
    const asked = selected;
    const input = {
      items: asked.map((i) => ({ requestId: i.requestId, stage: i.stage })),
      outcome: recommending ? ('recommend_approve' as const) : ('approve' as const),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const result = await decide.mutateAsync({ input, idempotencyKey: keyFor(input) }).catch(() => null);
    setConfirming(false);
    if (!result) return;
    setOutcome({ asked, result });
    setComment('');
    props.onDecided(result.items.filter((i) => i.result === 'decided').map((i) => i.requestId));
  };

  return (
    <>
      {outcome && (
        <section
          ref={resultRef}
          tabIndex={-1}
          className="notice notice-info bulk-result"
          aria-labelledby="bulk-result-title"
        >
          <h2 id="bulk-result-title">{b.resultTitle}</h2>
          <p role="status">{b.summary(outcome.result.decided, outcome.result.refused)}</p>
          <ul>
            {outcome.result.items.map((r) => {
              const item = outcome.asked.find((i) => i.requestId === r.requestId);
              const name = item ? `${item.caseNumber} · ${title(item)}` : r.requestId;
              return (
                <li key={r.requestId} className={r.result === 'decided' ? 'bulk-decided' : 'bulk-refused'}>
                  <strong>
                    {r.result === 'decided'
                      ? r.decision.outcome === 'recommend_approve'
                        ? b.recommended
                        : b.decided
                      : b.refused}
                  </strong>
                  {': '}
                  {name}
                  {r.result === 'refused' && <> — {b.reasons[r.problem.code]}</>}
                </li>
              );
            })}
          </ul>
          <button type="button" className="button secondary" onClick={() => setOutcome(null)}>
            {b.close}
          </button>
        </section>
      )}
      {selected.length > 0 && stage && (
        <section className="bulk-bar" aria-labelledby="bulk-bar-title">
          <h2 id="bulk-bar-title">{b.selectionTitle}</h2>
          <p role="status">{b.selected(selected.length, t(`stage.${stage}`))}</p>
          <label className="field" htmlFor="bulk-comment">
            <span className="label">{b.comment}</span>
            <textarea
              id="bulk-comment"
              rows={2}
              maxLength={COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <ProblemNotice error={decide.error} />
          {!confirming ? (
            <div className="actions">
              <button type="button" className="button" onClick={() => setConfirming(true)}>
                {recommending ? b.recommend(selected.length) : b.approve(selected.length)}
              </button>
              <button type="button" className="button secondary" onClick={props.onClear}>
                {b.clear}
              </button>
            </div>
          ) : (
            <div className="bulk-confirm" role="group" aria-labelledby="bulk-confirm-text">
              <p id="bulk-confirm-text">
                <strong>
                  {recommending ? b.confirmRecommend(selected.length) : b.confirmApprove(selected.length)}
                </strong>
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  disabled={decide.isPending}
                  onClick={() => void submit()}
                >
                  {decide.isPending ? b.working : b.confirm}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  disabled={decide.isPending}
                  onClick={() => setConfirming(false)}
                >
                  {b.cancel}
                </button>
              </div>
            </div>
          )}
        </section>
      )}
    </>
  );
}
