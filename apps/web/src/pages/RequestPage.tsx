import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { RequestAction } from '@contracts/requests';
import { useRequest } from '../api/requests';
import { useSession } from '../auth/session';
import { DueTime } from '../components/DueTime';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useFormat } from '../format/format';
import { RequestFacts } from './request/RequestFacts';
import { AnswerQuestion } from './request/AnswerQuestion';
import { RequestName } from '../components/RequestName';
import { ResubmitForm } from './request/ResubmitForm';
import { ReturnQuestions } from './request/ReturnQuestions';
import { ReturnDeadline } from './request/ReturnDeadline';
import { Stages } from './request/Stages';
import { Timeline } from './request/Timeline';
import { WithdrawPanel } from './request/WithdrawPanel';
import { FinalDecision } from './request/FinalDecision';
import { Attachments } from './request/Attachments';
import { DecideRefusalNotice } from './review/DecideRefusalNotice';

export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const location = useLocation();
  const session = useSession();
  const query = useRequest(id);
  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemNotice error={query.error} />;
  const r = query.data;
  const mine = r.requesterId === session.me?.id;
  const justSubmitted = (location.state as { submitted?: boolean } | null)?.submitted;
  // Only what the API says the caller may do now is offered (the endpoints' own rules).
  const can = (action: RequestAction) => r.allowedActions.includes(action);

  return (
    <article>
      <p className="breadcrumb">
        <Link to={mine ? '/requests' : '/inbox'}>{t(mine ? 'nav.myRequests' : 'nav.inbox')}</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="kind-label">{t(`kind.${r.kind}`)}</span> <RequestName request={r} />
        </h1>
        <StatusBadge status={r.status} reason={r.statusReason} />
      </div>
      {justSubmitted && (
        <div className="notice notice-success" role="status">
          <p>
            <strong>{t('request.submittedTitle')}</strong>
          </p>
          <p>
            {r.currentStage
              ? t('request.submittedInReview', {
                  stage: t(`stageInText.${r.currentStage.name}`),
                  due: f.dateTime(r.currentStage.dueAt),
                })
              : t(`request.submittedWithoutReview.${r.status}`, { defaultValue: '' })}
          </p>
        </div>
      )}
      {r.exemption && (
        <p className="exempted-by">
          {t('request.exemptedBy', {
            ref: r.exemption.decisionRef,
            body: r.exemption.decisionBody,
            date: f.date(r.exemption.decidedOn),
          })}
        </p>
      )}
      {r.currentStage && (
        <p className="current-stage">
          {t('request.currentStage', { stage: t(`stageInText.${r.currentStage.name}`) })} {t('request.dueBy')}{' '}
          <DueTime dueAt={r.currentStage.dueAt} />
        </p>
      )}
      {can('decide') ? (
        <p>
          <Link className="button primary" to={`/review/${r.id}`}>
            {t('inbox.review')}
          </Link>
        </p>
      ) : (
        r.status === 'in_review' && <DecideRefusalNotice request={r} />
      )}
      <FinalDecision request={r} />
      <ReturnDeadline request={r} />
      {r.status === 'returned' && <ReturnQuestions request={r} />}
      {mine && <AnswerQuestion requestId={r.id} canAnswer={can('answer_question')} />}
      {can('resubmit') && <ResubmitForm request={r} />}
      <div className="columns">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">{t('request.factsTitle')}</h2>
          <RequestFacts request={r} />
          <Attachments requestId={r.id} canUpload={can('attach')} />
        </section>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('request.timelineTitle')}</h2>
          <Timeline requestId={r.id} />
          <h2>{t('request.stagesTitle')}</h2>
          <Stages stages={r.stages} />
        </section>
      </div>
      {can('withdraw') && <WithdrawPanel requestId={r.id} />}
    </article>
  );
}
