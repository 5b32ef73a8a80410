import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notificationPath } from '@domain/notification-target';
import { requestHeading } from '@domain/request-title';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';
import type { Notification } from '../api/types';
import { useFormat } from '../format/format';
import { useSession } from '../auth/session';
import { useRequestTitle } from './RequestName';

/** Where a notification leads (libs/domain/notification-target.ts, the same place its e-mail links to). */
function target(n: Notification): string | null {
  return notificationPath(n.type, n.requestId);
}

export function NotificationBell() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(session.signedIn);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const summary = useRequestTitle();
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);

  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          aria-hidden="true"
          width="16"
          height="16"
          viewBox="0 0 24 24"
          fill="currentColor"
          className="bell-icon"
        >
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>{' '}
        {t('notifications.title')}
        {unread > 0 && (
          <span className="bell-count">
            {unread}
            <span className="visually-hidden"> {t('notifications.unread')}</span>
          </span>
        )}
      </button>
      {open && (
        <div id="notification-panel" className="bell-panel">
          <div className="bell-head">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && notifications.data && (
              <button
                type="button"
                className="link-button"
                disabled={markAllRead.isPending}
                // Up to when the list was fetched: a notice that arrived since has not been seen.
                onClick={() => markAllRead.mutate(new Date(notifications.dataUpdatedAt).toISOString())}
              >
                {t('caseRef.markAllRead')}
              </button>
            )}
          </div>
          {notifications.data?.items.length === 0 && <p>{t('notifications.none')}</p>}
          <ul>
            {notifications.data?.items.map((n) => {
              const href = target(n);
              const stage = n.data?.stage ? String(n.data.stage) : undefined;
              const what = t(`notifications.type.${n.type}`, {
                stage: stage ? t(`stage.${stage}`) : '',
                at: stage ? t(`stageAt.${stage}`) : '',
                defaultValue: t('notifications.type.other'),
              });
              const text = n.request
                ? t('caseRef.notificationAbout', {
                    what,
                    request: requestHeading(n.request.caseNumber, summary(n.request)),
                  })
                : what;
              return (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  {href ? (
                    <Link
                      to={href}
                      onClick={() => {
                        if (!n.readAt) markRead.mutate(n.id);
                        setOpen(false);
                      }}
                    >
                      {text}
                    </Link>
                  ) : (
                    <span>{text}</span>
                  )}
                  <span className="meta">{f.dateTime(n.createdAt)}</span>
                  {!n.readAt && (
                    <button type="button" className="link-button" onClick={() => markRead.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
