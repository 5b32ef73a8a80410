/**
 * Swedish business-day calendar (arbetsdagar) for review deadlines.
 *
 * This module is imported into Temporal workflow code, so it must stay deterministic: it never reads the
 * clock, and callers pass every instant in. Calendar dates are plain ISO strings ('YYYY-MM-DD') and are
 * handled with integer day arithmetic, and the Europe/Stockholm offset of an instant is computed from the EU
 * summer-time rule (see offsetAt), not read from the runtime's time-zone data.
 */

export const BUSINESS_TIME_ZONE = 'Europe/Stockholm';

export interface Holiday {
  /** ISO calendar date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
  nameSv: string;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

// The computus below is the Gregorian one; earlier years would silently get the wrong Easter.
const MIN_YEAR = 1583;
// ISO strings in this module have four-digit years.
const MAX_YEAR = 9999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year must be an integer between ${MIN_YEAR} and ${MAX_YEAR}, got ${String(year)}`);
  }
}

function parseIsoDate(date: string): CivilDate {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) {
    throw new RangeError(`Malformed calendar date ${JSON.stringify(date)}: expected 'YYYY-MM-DD'`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid calendar date ${JSON.stringify(date)}`);
  }
  return { year, month, day };
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil), so date arithmetic needs no Date objects.
function toEpochDay({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function formatIsoDate({ year, month, day }: CivilDate): string {
  if (year > MAX_YEAR) {
    throw new RangeError(`Calendar date beyond year ${MAX_YEAR} is not supported`);
  }
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function epochDayToIso(epochDay: number): string {
  return formatIsoDate(fromEpochDay(epochDay));
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(epochDay: number): number {
  // 1970-01-01 was a Thursday.
  return (((epochDay + 4) % 7) + 7) % 7;
}

const SATURDAY = 6;
const SUNDAY = 0;
const FRIDAY = 5;

/** First day on or after (year, month, day) that falls on the given weekday. */
function weekdayOnOrAfter(year: number, month: number, day: number, weekday: number): number {
  const start = toEpochDay({ year, month, day });
  return start + ((weekday - weekdayOf(start) + 7) % 7);
}

/** Easter Sunday of a Gregorian year, by the anonymous Gregorian (Meeus/Jones/Butcher) computus. */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

interface YearHolidays {
  list: readonly Readonly<Holiday>[];
  dates: ReadonlySet<string>;
}

// Holidays are a pure function of the year, so caching is safe even inside workflow code.
const holidayCache = new Map<number, YearHolidays>();

function holidaysFor(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const easter = toEpochDay(parseIsoDate(easterSunday(year)));
  const fixed = (month: number, day: number) => toEpochDay({ year, month, day });
  const entries: [number, string, string][] = [
    [fixed(1, 1), "New Year's Day", 'Nyårsdagen'],
    [fixed(1, 6), 'Epiphany', 'Trettondedag jul'],
    [easter - 2, 'Good Friday', 'Långfredagen'],
    [easter, 'Easter Sunday', 'Påskdagen'],
    [easter + 1, 'Easter Monday', 'Annandag påsk'],
    [fixed(5, 1), 'May Day', 'Första maj'],
    [easter + 39, 'Ascension Day', 'Kristi himmelsfärdsdag'],
    [easter + 49, 'Whitsun', 'Pingstdagen'],
    [fixed(6, 6), 'National Day of Sweden', 'Sveriges nationaldag'],
    [weekdayOnOrAfter(year, 6, 19, FRIDAY), 'Midsummer Eve', 'Midsommarafton'],
    [weekdayOnOrAfter(year, 6, 20, SATURDAY), 'Midsummer Day', 'Midsommardagen'],
    [weekdayOnOrAfter(year, 10, 31, SATURDAY), "All Saints' Day", 'Alla helgons dag'],
    [fixed(12, 24), 'Christmas Eve', 'Julafton'],
    [fixed(12, 25), 'Christmas Day', 'Juldagen'],
    [fixed(12, 26), 'Boxing Day', 'Annandag jul'],
    [fixed(12, 31), "New Year's Eve", 'Nyårsafton'],
  ];
  // Stable sort: when two holidays coincide (Ascension Day on 1 May, Whitsun on 6 June) both stay listed.
  const list = entries
    .sort((x, y) => x[0] - y[0])
    .map(([epochDay, name, nameSv]) => Object.freeze({ date: epochDayToIso(epochDay), name, nameSv }));
  const result: YearHolidays = { list, dates: new Set(list.map((holiday) => holiday.date)) };
  holidayCache.set(year, result);
  return result;
}

/** Swedish public and de facto holidays of a year, sorted by date. */
export function swedishHolidays(year: number): Holiday[] {
  assertYear(year);
  // A fresh array of copies, so callers cannot corrupt the shared cache.
  return holidaysFor(year).list.map((holiday) => ({ ...holiday }));
}

export function isHoliday(date: string): boolean {
  return holidaysFor(parseIsoDate(date).year).dates.has(date);
}

function isBusinessEpochDay(epochDay: number): boolean {
  const weekday = weekdayOf(epochDay);
  if (weekday === SATURDAY || weekday === SUNDAY) return false;
  const civil = fromEpochDay(epochDay);
  return !holidaysFor(civil.year).dates.has(formatIsoDate(civil));
}

export function isBusinessDay(date: string): boolean {
  return isBusinessEpochDay(toEpochDay(parseIsoDate(date)));
}

function assertNonNegativeInteger(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${String(value)}`);
  }
}

function assertInteger(value: number, label: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${label} must be an integer, got ${String(value)}`);
}

/** The date `days` calendar days after `date` (before it, when `days` is negative). */
export function addCalendarDays(date: string, days: number): string {
  assertInteger(days, 'days');
  return epochDayToIso(toEpochDay(parseIsoDate(date)) + days);
}

/** Calendar days from `from` to `to`; negative when `to` comes first. */
export function calendarDaysBetween(from: string, to: string): number {
  return toEpochDay(parseIsoDate(to)) - toEpochDay(parseIsoDate(from));
}

/** The same day `months` months on (back, when negative), or that month's last day when it is shorter. */
export function addCalendarMonths(date: string, months: number): string {
  assertInteger(months, 'months');
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Days since the Monday of `date`'s ISO week: 0 for a Monday … 6 for a Sunday. */
export function daysSinceMonday(date: string): number {
  return (weekdayOf(toEpochDay(parseIsoDate(date))) + 6) % 7;
}

/**
 * The Nth business day after `date`; `date` itself is never counted, so n = 0 returns `date` unchanged
 * (even when it is not a business day).
 */
export function addBusinessDays(date: string, n: number): string {
  assertNonNegativeInteger(n, 'n');
  let epochDay = toEpochDay(parseIsoDate(date));
  let remaining = n;
  while (remaining > 0) {
    epochDay += 1;
    if (isBusinessEpochDay(epochDay)) remaining -= 1;
  }
  return epochDayToIso(epochDay);
}

/**
 * Business days counted from `from` (exclusive) to `to` (inclusive): the inverse of addBusinessDays, so a
 * decision on the day a stage of N business days falls due is N. Returns 0 when `to` <= `from`.
 */
export function businessDaysAfter(from: string, to: string): number {
  const last = toEpochDay(parseIsoDate(to));
  let count = 0;
  for (let epochDay = toEpochDay(parseIsoDate(from)) + 1; epochDay <= last; epochDay += 1) {
    if (isBusinessEpochDay(epochDay)) count += 1;
  }
  return count;
}

function assertInstant(at: Date, label: string): number {
  // Checked by tag rather than instanceof: Temporal runs workflows in a separate V8 context whose Date
  // is a different constructor.
  const ms = Object.prototype.toString.call(at) === '[object Date]' ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${label} must be a valid Date`);
  }
  return ms;
}

/**
 * Stockholm's UTC offset in minutes at an instant: +60, or +120 in summer time, which under the EU rule (Sweden's
 * since 1996) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * Arithmetic rather than the runtime's time-zone data, for two reasons: a review replays on whatever Node runs the
 * worker years later, and a tzdata update must not move a replayed deadline; and a time-zone library in workflow
 * code is instantiated again for every cached workflow (BENCHMARKS.md "Held load"). tests/unit/calendar.test.ts
 * checks it against the runtime's own Europe/Stockholm over 1996–2099. Earlier instants get the same rule.
 */
function offsetAt(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summerFrom = lastSundayUtc(year, 2) + MS_PER_HOUR;
  const summerTo = lastSundayUtc(year, 9) + MS_PER_HOUR;
  return ms >= summerFrom && ms < summerTo ? 120 : 60;
}

/** Stockholm's UTC offset in minutes at `at` (+60 or +120). */
export function stockholmOffsetMinutes(at: Date): number {
  return offsetAt(assertInstant(at, 'at'));
}

/** Midnight UTC of the last Sunday of a month (0-based, as Date.UTC counts them). */
function lastSundayUtc(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * MS_PER_DAY;
}

function stockholmEpochDay(ms: number): number {
  return Math.floor((ms + offsetAt(ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

/**
 * The instant at which Stockholm wall-clock time reads `hour`:00 on the given day. The offset depends on
 * the instant being computed, so it is guessed from the wall-clock time and corrected once (as luxon
 * does); a time that falls in the spring-forward gap resolves to the later offset.
 */
function stockholmWallClockToUtc(epochDay: number, hour: number): number {
  const local = epochDay * MS_PER_DAY + hour * MS_PER_HOUR;
  const guess = offsetAt(local);
  const first = local - guess * MS_PER_MINUTE;
  const actual = offsetAt(first);
  if (actual === guess) return first;
  const second = local - actual * MS_PER_MINUTE;
  const confirmed = offsetAt(second);
  if (confirmed === actual) return second;
  return local - Math.max(actual, confirmed) * MS_PER_MINUTE;
}

/** Calendar date in Europe/Stockholm of an instant. */
export function stockholmDate(at: Date): string {
  return epochDayToIso(stockholmEpochDay(assertInstant(at, 'at')));
}

/**
 * Deadline for a stage opened at `openedAt`: `hour`:00 Stockholm time on the Nth business day after the
 * Stockholm calendar day of `openedAt`. Wall-clock based, so a DST switch in between does not move it.
 */
export function businessDayDueAt(openedAt: Date, businessDays: number, hour = 16): Date {
  assertInstant(openedAt, 'openedAt');
  assertNonNegativeInteger(businessDays, 'businessDays');
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`hour must be an integer between 0 and 23, got ${String(hour)}`);
  }
  const dueDay = addBusinessDays(stockholmDate(openedAt), businessDays);
  return new Date(stockholmWallClockToUtc(toEpochDay(parseIsoDate(dueDay)), hour));
}

/**
 * Elapsed (not wall-clock) hours: urgent call-offs are due a fixed duration after opening, so a DST
 * switch overnight must not stretch or shrink that window.
 */
export function addCalendarHours(at: Date, hours: number): Date {
  const ms = assertInstant(at, 'at');
  if (!Number.isFinite(hours)) {
    throw new RangeError(`hours must be a finite number, got ${String(hours)}`);
  }
  return new Date(ms + hours * MS_PER_HOUR);
}

/**
 * Elapsed business time between two instants, in business days as a decimal: only time falling on a
 * Stockholm business day counts, and a whole business day counts 1.0. Returns 0 when `to` <= `from`.
 */
export function businessDaysBetween(from: Date, to: Date): number {
  const fromMs = assertInstant(from, 'from');
  const toMs = assertInstant(to, 'to');
  if (toMs <= fromMs) return 0;

  let total = 0;
  const lastDay = stockholmEpochDay(toMs);
  for (let epochDay = stockholmEpochDay(fromMs); epochDay <= lastDay; epochDay += 1) {
    if (!isBusinessEpochDay(epochDay)) continue;
    const dayStart = stockholmWallClockToUtc(epochDay, 0);
    const dayEnd = stockholmWallClockToUtc(epochDay + 1, 0);
    const overlap = Math.min(toMs, dayEnd) - Math.max(fromMs, dayStart);
    // Divided by the day's real length so a whole business day is exactly 1.0 even if it were 23h or 25h.
    if (overlap > 0) total += overlap / (dayEnd - dayStart);
  }
  return total;
}

/** `hour`:00 Stockholm wall-clock time on a calendar date, as an instant. */
export function stockholmTime(date: string, hour: number): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`hour must be an integer between 0 and 23, got ${String(hour)}`);
  }
  return new Date(stockholmWallClockToUtc(toEpochDay(parseIsoDate(date)), hour));
}

/**
 * `at` moved on by `days` of business time (a decimal, as businessDaysBetween counts it): only time on Stockholm
 * business days is counted, so a pause over a weekend moves a deadline by the business hours it lasted. The
 * inverse of businessDaysBetween: businessDaysBetween(at, addBusinessTime(at, d)) is d.
 */
export function addBusinessTime(at: Date, days: number): Date {
  let ms = assertInstant(at, 'at');
  if (!Number.isFinite(days) || days < 0) {
    throw new RangeError(`days must be a finite number >= 0, got ${String(days)}`);
  }
  let remaining = days;
  let epochDay = stockholmEpochDay(ms);
  // Bounded: a day's fraction is consumed every business day, and every week has business days.
  while (remaining > 1e-12) {
    const dayStart = stockholmWallClockToUtc(epochDay, 0);
    const dayEnd = stockholmWallClockToUtc(epochDay + 1, 0);
    if (isBusinessEpochDay(epochDay)) {
      const from = Math.max(ms, dayStart);
      const left = (dayEnd - from) / (dayEnd - dayStart);
      if (remaining <= left) return new Date(from + remaining * (dayEnd - dayStart));
      remaining -= left;
    }
    epochDay += 1;
    ms = stockholmWallClockToUtc(epochDay, 0);
  }
  return new Date(ms);
}
