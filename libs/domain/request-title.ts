import type { EmploymentForm } from './enums';

/**
 * What a list names a request by, after its case number: the position of a hire with its form of employment
 * ("Sjuksköterska, Avd 4 (tillsvidare)"), the supplier and period of a call-off ("Bemanningsföretaget AB,
 * 1–30 juni 2026"). The category alone ("Anställning: Sjuksköterska") repeats itself down a list; the title the
 * requester wrote and the supplier are what tell two requests apart.
 */
export type TitleLanguage = 'sv' | 'en';

export type TitledRequest =
  | { kind: 'hire'; title: string; employmentForm: EmploymentForm }
  | { kind: 'agency_call_off'; supplier: string; periodFrom: string; periodTo: string };

/** Short forms of employment, as they read in brackets after a title. */
const EMPLOYMENT_SHORT: Record<TitleLanguage, Record<EmploymentForm, string>> = {
  sv: { permanent: 'tillsvidare', fixed_term: 'visstid', substitute: 'vikariat', hourly: 'timanställning' },
  en: { permanent: 'permanent', fixed_term: 'fixed-term', substitute: 'substitute', hourly: 'hourly' },
};

const LOCALE: Record<TitleLanguage, string> = { sv: 'sv-SE', en: 'en-GB' };

/** `1–30 juni 2026`, `15 maj–30 juni 2026`, `15 december 2026–10 januari 2027`; calendar dates, no zone. */
export function dateRange(from: string, to: string, language: TitleLanguage): string {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const a = day(from);
  const b = day(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${from}–${to}`;
  const fmt = new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (from === to) return fmt.format(a);
  // Intl puts spaces around the dash of a range (" – "); Swedish and British typography close it up.
  return fmt.formatRange(a, b).replace(/\s*[–-]\s*/g, '–');
}

/**
 * Stored payloads are not parsed again (requests.repository.ts): a row without the fields gets an empty title,
 * and is named by its case number alone.
 */
const words = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function requestTitle(r: TitledRequest, language: TitleLanguage = 'sv'): string {
  if (r.kind === 'hire') {
    const form = Object.hasOwn(EMPLOYMENT_SHORT[language], r.employmentForm)
      ? EMPLOYMENT_SHORT[language][r.employmentForm]
      : undefined;
    const title = words(r.title);
    if (!title) return '';
    return form ? `${title} (${form})` : title;
  }
  const period =
    words(r.periodFrom) && words(r.periodTo) ? dateRange(r.periodFrom, r.periodTo, language) : '';
  return words(r.supplier) ? [words(r.supplier), period].filter(Boolean).join(', ') : '';
}

/** `2026-00042 · Sjuksköterska, Avd 4 (tillsvidare)`: how a request is named in a list, a notice or a mail. */
export function requestHeading(caseNumber: string, title: string): string {
  return title ? `${caseNumber} · ${title}` : caseNumber;
}

/**
 * The title in both languages the app speaks, as the API answers it: `summary` (Swedish, as the mails say it) and
 * `summaryEn`. Not `title`: a hire's own `title` field is the position as the requester wrote it.
 */
export function requestTitles(r: TitledRequest): { summary: string; summaryEn: string } {
  return { summary: requestTitle(r, 'sv'), summaryEn: requestTitle(r, 'en') };
}
