import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RequestAction } from '@contracts/requests';
import { useRequest } from '../api/requests';
import { DueTime } from '../components/DueTime';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useFormat } from '../format/format';
import { RequestFacts } from './request/RequestFacts';
import { RequestName } from '../components/RequestName';
import { Timeline } from './request/Timeline';
import { DecideRefusalNotice } from './review/DecideRefusalNotice';
import { DecisionForm } from './review/DecisionForm';
import { Questions } from './review/Questions';
import { ReassignPanel } from './review/ReassignPanel';
import { Recommendations } from './review/Recommendations';
import { SimilarRequests } from './review/SimilarRequests';
import { Attachments } from './request/Attachments';

/** Everything a reviewer needs to decide one stage, and the decision itself. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const query = useRequest(id);
  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemNotice error={query.error} />;
  const r = query.data;
  const stage = r.currentStage;
  // Only what the API says the caller may do now is offered (the endpoints' own rules).
  const can = (action: RequestAction) => r.allowedActions.includes(action);
  const cost = r.kind === 'hire' ? r.monthlyCostSek : r.estimatedCostSek;

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/inbox">{t('nav.inbox')}</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="kind-label">{t(`kind.${r.kind}`)}</span> <RequestName request={r} />
        </h1>
        <StatusBadge status={r.status} reason={r.statusReason} />
      </div>
      <div className="keyfigures">
        <div>
          <span className="label">{t(r.kind === 'hire' ? 'review.monthlyCost' : 'review.totalCost')}</span>
          <span className="value">{f.kronor(cost)}</span>
        </div>
        {stage && (
          <div>
            <span className="label">{t('review.stageDue', { stage: t(`stageInText.${stage.name}`) })}</span>
            <span className="value">
              <DueTime dueAt={stage.dueAt} />
            </span>
          </div>
        )}
        {r.kind === 'agency_call_off' && r.urgent && (
          <div>
            <span className="badge badge-urgent">{t('common.urgent')}</span>
          </div>
        )}
      </div>
      <div className="columns">
        <div>
          <section aria-labelledby="facts-title">
            <h2 id="facts-title">{t('request.factsTitle')}</h2>
            <RequestFacts request={r} />
          </section>
          <Attachments requestId={r.id} canUpload={can('attach')} />
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('request.timelineTitle')}</h2>
            <Timeline requestId={r.id} />
          </section>
        </div>
        <div>
          {stage?.mode === 'deciding' && <Recommendations request={r} />}
          {stage && r.decideAt && can('decide') ? (
            <DecisionForm
              request={r}
              stage={r.decideAt.stage}
              mode={r.decideAt.mode}
              outcomes={stage.outcomes}
            />
          ) : r.decideRefusal ? (
            <DecideRefusalNotice request={r} />
          ) : (
            <p className="notice">{t('review.nothingOpen', { status: t(`status.${r.status}`) })}</p>
          )}
          {stage && r.status === 'in_review' && <Questions requestId={r.id} canAsk={can('ask_question')} />}
          {stage && can('reassign') && <ReassignPanel requestId={r.id} />}
          <SimilarRequests request={r} />
        </div>
      </div>
    </article>
  );
}
