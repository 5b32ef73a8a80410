/**
 * Where a notification's reader acts, as a path in the web app: the bell links there and the e-mail copy links
 * there (absolute, from PUBLIC_URL). A reviewer's notices about a stage open the decision page; the HR lead's
 * notice of a request without a requester opens that list; everything else about a request opens the request;
 * lapse warnings open the periods or the exemptions. Null: nothing to open.
 */
const REVIEWER_TYPES: ReadonlySet<string> = new Set([
  'stage_opened',
  'stage_reminder',
  'stage_escalated',
  'stage_overdue',
  'stage_reassigned',
  'stage_released',
  // The requester's answer to a question the reviewer asked: the reviewer reads it in the decision view.
  'question_answered',
]);

export function notificationPath(type: string, requestId: string | null): string | null {
  if (type === 'period_ending') return '/periods';
  if (type === 'exemption_ending') return '/exemptions';
  if (!requestId) return null;
  const id = encodeURIComponent(requestId);
  if (type === 'requester_needed') return '/without-requester';
  return REVIEWER_TYPES.has(type) ? `/review/${id}` : `/requests/${id}`;
}
