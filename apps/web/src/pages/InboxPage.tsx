import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { OUTCOMES } from '@domain/enums';
import { isRecommendation } from '@domain/review-state';
import { useInbox } from '../api/requests';
import { DueTime } from '../components/DueTime';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { RequestName } from '../components/RequestName';
import type { InboxItem } from '../api/types';
import { BulkDecisionBar, BulkSelectBox, useBulkTexts } from './inbox/BulkDecision';

/** Open stages the reviewer may decide now, earliest deadline first (the API's order). */
const recommended = (outcome: string) => OUTCOMES.some((o) => o === outcome && isRecommendation(o));

export function InboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const inbox = useInbox();
  const overdue = inbox.data?.items.filter((i) => i.overdue).length ?? 0;
  const decided = (useLocation().state as { decided?: { outcome: string; status: string } } | null)?.decided;
  const b = useBulkTexts();
  // Selected request ids; a bulk decision is one stage's, so the first choice fixes the stage.
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data]);
  const selected = items.filter((i) => chosen.has(i.requestId));
  const selectedStage = selected[0]?.stage;
  const stages = [...new Set(items.map((i) => i.stage))];
  const toggle = (item: InboxItem) =>
    setChosen((now) => {
      const next = new Set([...now].filter((id) => items.some((i) => i.requestId === id)));
      if (next.has(item.requestId)) next.delete(item.requestId);
      else next.add(item.requestId);
      return next;
    });
  const selectStage = (stage: string) =>
    setChosen(new Set(items.filter((i) => i.stage === stage).map((i) => i.requestId)));

  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <p className="lead">{t('inbox.intro')}</p>
      {decided && (
        <p className="notice notice-success" role="status">
          {/* A recommendation is no decision: it is told as what it is (tillstyrkt, avstyrkt). */}
          {t(recommended(decided.outcome) ? 'inbox.recommended' : 'inbox.decided', {
            outcome: t(`outcomeDone.${decided.outcome}`),
            status: t(`status.${decided.status}`),
          })}
        </p>
      )}
      {inbox.isPending && <Loading />}
      <ProblemNotice error={inbox.error} />
      {inbox.data && (
        <p className="summary-line" role="status">
          {t('inbox.count', { count: inbox.data.total })}
          {overdue > 0 && ` ${t('inbox.overdueCount', { count: overdue })}`}
        </p>
      )}
      {inbox.data && inbox.data.items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      {items.length > 1 && (
        <div className="bulk-select-all actions">
          {stages.map((stage) => (
            <button key={stage} type="button" className="button secondary" onClick={() => selectStage(stage)}>
              {b.selectAll(t(`stage.${stage}`), items.filter((i) => i.stage === stage).length)}
            </button>
          ))}
          {stages.length > 1 && <p className="meta">{b.onlyOneStage}</p>}
        </div>
      )}
      <BulkDecisionBar
        selected={selected}
        onClear={() => setChosen(new Set())}
        onDecided={(ids) => setChosen((now) => new Set([...now].filter((id) => !ids.includes(id))))}
      />
      {inbox.data && inbox.data.items.length > 0 && (
        <table className="table inbox stack">
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{b.selectionTitle}</span>
              </th>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">{t('inbox.request')}</th>
              <th scope="col">{t('inbox.unit')}</th>
              <th scope="col">{t('inbox.stage')}</th>
              <th scope="col">{t('inbox.cost')}</th>
              <th scope="col">{t('inbox.marks')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('inbox.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {inbox.data.items.map((i) => (
              <tr
                key={`${i.requestId}-${i.stage}-${i.round}`}
                className={i.overdue ? 'row-overdue' : undefined}
              >
                <td className="card-select">
                  <BulkSelectBox
                    item={i}
                    checked={chosen.has(i.requestId)}
                    otherStage={selectedStage !== undefined && i.stage !== selectedStage}
                    onToggle={toggle}
                  />
                </td>
                <td className="card-due" data-label={t('inbox.due')}>
                  <DueTime dueAt={i.dueAt} overdue={i.overdue} />
                </td>
                <td className="card-title">
                  <span className="kind-label">{t(`kind.${i.kind}`)}</span>
                  <br />
                  <RequestName request={i} />{' '}
                  <span className="meta">({t(`category.${i.occupationalCategory}`)})</span>
                  <br />
                  <span className="meta">
                    {t('inbox.by', { name: i.requesterName, date: f.date(i.submittedAt) })}
                  </span>
                </td>
                <td data-label={t('inbox.unit')}>
                  {i.unitName}
                  <br />
                  <span className="meta">{i.divisionName}</span>
                </td>
                <td data-label={t('inbox.stage')}>{t(`stage.${i.stage}`)}</td>
                <td className="num" data-label={t('inbox.cost')}>
                  {f.kronor(i.costSek)}
                </td>
                <td>
                  {i.urgent && <span className="badge badge-urgent">{t('common.urgent')}</span>}
                  {i.escalationLevel > 0 && (
                    <span className="badge badge-escalated">
                      {t('common.escalated', { level: i.escalationLevel })}
                    </span>
                  )}
                  {i.delegated && <span className="badge badge-delegated">{t('inbox.delegated')}</span>}
                </td>
                <td className="card-action">
                  <Link className="button" to={`/review/${i.requestId}`}>
                    {t('inbox.review')}
                    <span className="visually-hidden">
                      : <RequestName request={i} />
                    </span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
