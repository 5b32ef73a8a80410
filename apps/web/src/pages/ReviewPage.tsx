import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { mayHappen } from '@domain/review-state';
import { useRequest } from '../api/requests';
import { useSession } from '../auth/session';
import { DueTime } from '../components/DueTime';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useFormat } from '../format/format';
import { RequestFacts } from './request/RequestFacts';
import { RequestName } from '../components/RequestName';
import { Timeline } from './request/Timeline';
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
  const session = useSession();
  const query = useRequest(id);
  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemNotice error={query.error} />;
  const r = query.data;
  const stage = r.currentStage;
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
          <Attachments requestId={r.id} canUpload={mayHappen(r.status, 'decide')} />
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('request.timelineTitle')}</h2>
            <Timeline requestId={r.id} />
          </section>
        </div>
        <div>
          {stage?.mode === 'deciding' && <Recommendations request={r} />}
          {stage && mayHappen(r.status, 'decide') ? (
            <DecisionForm request={r} stage={stage.name} mode={stage.mode} outcomes={stage.outcomes} />
          ) : (
            <p className="notice">{t('review.nothingOpen', { status: t(`status.${r.status}`) })}</p>
          )}
          {stage && mayHappen(r.status, 'decide') && <Questions requestId={r.id} />}
          {stage && session.has('hr_lead', 'director') && <ReassignPanel requestId={r.id} />}
          <SimilarRequests request={r} />
        </div>
      </div>
    </article>
  );
}
