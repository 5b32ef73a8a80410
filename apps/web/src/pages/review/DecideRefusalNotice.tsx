import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@contracts/requests';
import { useSession } from '../../auth/session';

/**
 * Why the reviewer is offered no decision form: the API's `decideRefusal`, the same rules the decision endpoint
 * applies, in the user's words. Nothing for someone who is no reviewer (no refusal) or who may decide.
 */
export function DecideRefusalNotice({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!r.decideRefusal) return null;
  const stage = r.currentStage;
  if (r.decideRefusal === 'stage_not_open' || !stage) {
    return <p className="notice">{t('review.nothingOpen', { status: t(`status.${r.status}`) })}</p>;
  }
  // The stage I decided before is the one segregation of duties holds me to.
  const decided = r.decisions.find((d) => d.actorId === session.me?.id && d.stage !== stage.name);
  return (
    <p className="notice" role="status">
      {t(`review.refusal.${r.decideRefusal}`, {
        stageAt: t(`stageAt.${stage.name}`),
        decidedAt: decided ? t(`stageAt.${decided.stage}`) : t(`stageAt.${stage.name}`),
      })}
    </p>
  );
}
