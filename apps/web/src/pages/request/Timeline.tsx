import { useTranslation } from 'react-i18next';
import { useTimeline } from '../../api/requests';
import type { TimelineEvent } from '../../api/types';
import { useFormat, type Formatters } from '../../format/format';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { fileSize } from './Attachments';

type T = (key: string, options?: Record<string, unknown>) => string;

/** One sentence per audit event, with what the reviewer wrote shown in full. */
function describe(e: TimelineEvent, t: T, f: Formatters): { text: string; quote?: string } {
  const d = e.data ?? {};
  const stage = typeof d.stage === 'string' ? t(`stage.${d.stage}`) : '';
  const stageInText = typeof d.stage === 'string' ? t(`stageInText.${d.stage}`) : '';
  switch (e.type) {
    case 'submitted':
      return { text: t('timeline.submitted', { status: t(`status.${String(d.status)}`) }) };
    case 'stage_opened':
      return { text: t('timeline.stage_opened', { stage, due: f.dateTime(d.dueAt as string) }) };
    case 'stage_escalated':
      return {
        text: t('timeline.stage_escalated', {
          stage,
          role: t(`roleInText.${String(d.role)}`),
          due: f.dateTime(d.dueAt as string),
        }),
      };
    case 'decision': {
      const extra = [d.conditions && t('timeline.conditions', { text: d.conditions })]
        .concat(d.validUntil ? [t('timeline.validUntil', { date: f.date(d.validUntil as string) })] : [])
        .filter(Boolean)
        .join(' ');
      return {
        text: `${t(`timeline.decision.${String(d.outcome)}`, { stage })}${d.onBehalfOfId ? ` ${t('timeline.onBehalf')}` : ''}${extra ? ` ${extra}` : ''}`,
        quote: typeof d.comment === 'string' ? d.comment : undefined,
      };
    }
    case 'resubmitted':
    case 'withdrawn': {
      // A resubmission that changed the request started its review again from the first stage.
      const variant =
        d.reason === 'not_completed'
          ? '_not_completed'
          : Array.isArray(d.changedFields) && d.changedFields.length > 0
            ? '_changed'
            : '';
      return {
        text: t(`timeline.${e.type}${variant}`),
        quote: typeof d.comment === 'string' ? d.comment : undefined,
      };
    }
    case 'attachment_added':
      return {
        text: t('timeline.attachment_added', {
          name: String(d.fileName),
          size: fileSize(Number(d.sizeBytes), f.locale),
        }),
      };
    case 'attachment_removed':
      return { text: t('timeline.attachment_removed', { name: String(d.fileName) }) };
    default:
      return { text: t(`timeline.${e.type}`, { stage, stageInText, defaultValue: e.type }) };
  }
}

export function Timeline({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useTimeline(requestId);
  if (events.isPending) return <Loading />;
  if (events.error) return <ProblemNotice error={events.error} />;
  return (
    <ol className="timeline">
      {events.data.map((e) => {
        const { text, quote } = describe(e, t as T, f);
        return (
          <li key={e.id}>
            <time dateTime={e.at}>{f.dateTime(e.at)}</time>
            <div>
              <p>
                {text}
                {e.actorName && <span className="meta"> — {e.actorName}</span>}
              </p>
              {quote && <blockquote>{quote}</blockquote>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
