import { stockholmDate } from '@domain/calendar';

/** Today's calendar date in Stockholm, as the API counts periods and deadlines. */
export function stockholmToday(now = new Date()): string {
  return stockholmDate(now);
}

/**
 * One date style in the whole UI: `1 dec. 2026` (the short month keeps tables narrow), and an instant as
 * `1 dec. 2026 kl. 16.00`, as Swedish running text writes a time (shared/language.md); English `1 Dec 2026, 16:00`.
 * Always Stockholm time, where the deadlines are counted. The mails spell the month out (activities/mail-templates.ts).
 */
export function dateFormatters(locale: string, timeZone: string) {
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const timeFmt = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const swedish = locale.startsWith('sv');
  return {
    date: (d: Date) => dateFmt.format(d),
    dateTime: (d: Date) =>
      swedish
        ? `${dateFmt.format(d)} kl. ${timeFmt.format(d).replace(':', '.')}`
        : `${dateFmt.format(d)}, ${timeFmt.format(d)}`,
  };
}
