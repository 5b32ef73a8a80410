import { useTranslation } from 'react-i18next';
import { dateFormatters } from './dates';

/** The business calendar and every deadline are Stockholm time, wherever the browser is. */
const TIME_ZONE = 'Europe/Stockholm';

export function localeOf(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'sv-SE';
}

export interface Formatters {
  locale: string;
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  month(value: string): string;
  number(value: number | null | undefined, digits?: number): string;
  kronor(value: number | null | undefined): string;
  percent(share: number | null | undefined): string;
}

export function formatters(language: string): Formatters {
  const locale = localeOf(language);
  const dash = '–';
  // A calendar date ('2026-04-17') is a day, not an instant: format it at noon UTC so no zone moves it.
  const asDate = (v: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  const dates = dateFormatters(locale, TIME_ZONE);
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: TIME_ZONE });
  const kronorFmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'SEK',
    maximumFractionDigits: 0,
  });
  const percentFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    locale,
    date: (v) => (v ? dates.date(asDate(v)) : dash),
    dateTime: (v) => (v ? dates.dateTime(asDate(v)) : dash),
    month: (v) => monthFmt.format(asDate(v.slice(0, 10))),
    number: (v, digits = 0) =>
      v === null || v === undefined
        ? dash
        : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v),
    kronor: (v) => (v === null || v === undefined ? dash : kronorFmt.format(v)),
    percent: (v) => (v === null || v === undefined ? dash : percentFmt.format(v)),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatters(i18n.language);
}
