/**
 * Numbers as a Swedish reader writes them, for the PDF. Thousands are grouped with an ordinary space (not the
 * thin or no-break space of typesetting): Helvetica's WinAnsi encoding has no thin space, and pdftotext reads an
 * ordinary one back as a space, so "1 234 567 kr" is what a test or a screen reader gets. The PDF never wraps a
 * cell, so the ordinary space cannot split a number across lines. The minus is the ASCII hyphen for the same
 * reason (WinAnsi has no U+2212).
 */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export const kronor = (n: number) => `${groupDigits(n)} kr`;

/** Thousands of kronor, one decimal below ten thousand kronor so that small bars still read. */
export function thousandKronor(n: number): string {
  const t = n / 1000;
  return Math.abs(t) < 10 && t !== Math.round(t) ? t.toFixed(1).replace('.', ',') : groupDigits(t);
}

/** A share as per cent with one decimal and a decimal comma; a dash when there was nothing to divide. */
export const percent = (share: number | null) =>
  share === null ? '–' : `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')} %`;

/** Business days (a percentile can be fractional): one decimal, decimal comma; a dash when none. */
export const businessDays = (n: number | null) =>
  n === null ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ',');

export const count = (n: number) => groupDigits(n);

/** 2026-12-01T06:00:00Z → "2026-12-01 07:00" in Stockholm, as Swedish dates are written. */
export function stockholmDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
