import * as wf from '@temporalio/workflow';
import { decideUpdate, openUpdate } from './raw-route.messages';

/**
 * The ceiling the product is measured against: the same two-stage shape as the review (a stage row written
 * to PostgreSQL, a decision arriving as an Update, the next stage row), with nothing else: no policy, no
 * audit trail, no notifications, no NestJS, no auth. Local activities, as the dev-server figures in design.md.
 */
interface RawActivities {
  insertStage(requestId: string, name: string): Promise<void>;
}
const { insertStage } = wf.proxyLocalActivities<RawActivities>({ startToCloseTimeout: '10 seconds' });

export async function rawRoute(requestId: string): Promise<void> {
  let opened = false;
  let decided = false;
  let next = false;
  wf.setHandler(openUpdate, async () => {
    await wf.condition(() => opened);
  });
  wf.setHandler(decideUpdate, async () => {
    decided = true;
    await wf.condition(() => next);
  });
  await insertStage(requestId, 'hr_review');
  opened = true;
  await wf.condition(() => decided);
  await insertStage(requestId, 'director_decision');
  next = true;
  // Let the Update's answer go out before the run closes.
  await wf.condition(wf.allHandlersFinished);
}
