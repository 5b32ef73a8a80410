import fc from 'fast-check';
import {
  BUSINESS_TIME_ZONE,
  addBusinessDays,
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  daysSinceMonday,
  addCalendarHours,
  businessDayDueAt,
  businessDaysBetween,
  easterSunday,
  isBusinessDay,
  isHoliday,
  stockholmDate,
  stockholmOffsetMinutes,
  swedishHolidays,
} from '@domain/calendar';

const utc = (iso: string) => new Date(iso);
const MS_PER_DAY = 86_400_000;

// Calendar dates 2000-01-01 … 2099-12-31 as ISO strings, generated from UTC midnights.
const isoDateArb = fc
  .integer({ min: Date.UTC(2000, 0, 1) / MS_PER_DAY, max: Date.UTC(2099, 11, 31) / MS_PER_DAY })
  .map((epochDay) => new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10));
const instantArb = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) })
  .map((ms) => new Date(ms));

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The runtime's own Europe/Stockholm offset (ICU tzdata), in minutes. */
function tzdataOffset(at: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

describe('the Stockholm offset (EU summer-time rule, no time-zone data)', () => {
  it('agrees with the time-zone data every 15 minutes around every change of 1996–2099', () => {
    const HOUR = 3_600_000;
    let checked = 0;
    for (let year = 1996; year <= 2099; year++) {
      for (const month of [2, 9]) {
        const lastDay = Date.UTC(year, month + 1, 0);
        const lastSunday = lastDay - new Date(lastDay).getUTCDay() * MS_PER_DAY;
        for (let t = lastSunday - 3 * HOUR; t <= lastSunday + 5 * HOUR; t += HOUR / 4) {
          expect([year, t, stockholmOffsetMinutes(new Date(t))]).toEqual([
            year,
            t,
            tzdataOffset(new Date(t)),
          ]);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(104 * 2 * 33);
  });

  it('agrees with the time-zone data at any instant of 1996–2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(stockholmOffsetMinutes(new Date(ms))).toBe(tzdataOffset(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
    expect(stockholmOffsetMinutes(utc('2026-03-29T00:59:59Z'))).toBe(60);
    expect(stockholmOffsetMinutes(utc('2026-03-29T01:00:00Z'))).toBe(120);
    expect(stockholmOffsetMinutes(utc('2026-10-25T00:59:59Z'))).toBe(120);
    expect(stockholmOffsetMinutes(utc('2026-10-25T01:00:00Z'))).toBe(60);
  });
});

describe('calendar constants', () => {
  it('business time is Stockholm time', () => {
    expect(BUSINESS_TIME_ZONE).toBe('Europe/Stockholm');
  });
});

describe('easterSunday', () => {
  it.each([
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2038, '2038-04-25'],
    [1818, '1818-03-22'],
  ])('Easter Sunday %i is %s (anonymous Gregorian computus)', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('Easter Sunday is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        const monthDay = easter.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
    );
  });

  it.each([1582, 10000, 2025.5, Number.NaN])(
    'rejects year %p outside the Gregorian range with RangeError',
    (year) => {
      expect(() => easterSunday(year)).toThrow(RangeError);
    },
  );
});

describe('swedishHolidays', () => {
  const byName = (year: number) => Object.fromEntries(swedishHolidays(year).map((h) => [h.name, h.date]));

  it.each([
    // year, Good Friday, Easter Monday, Ascension Day, Whitsun, Midsummer Eve, Midsummer Day, All Saints' Day
    [2025, '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-08', '2025-06-20', '2025-06-21', '2025-11-01'],
    [2026, '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-24', '2026-06-19', '2026-06-20', '2026-10-31'],
    [2027, '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-16', '2027-06-25', '2027-06-26', '2027-11-06'],
    [2028, '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-04', '2028-06-23', '2028-06-24', '2028-11-04'],
  ])(
    'moveable holidays of %i follow Easter and the Midsummer/All Saints weekday rules',
    (year, goodFriday, easterMonday, ascension, whitsun, midsummerEve, midsummerDay, allSaints) => {
      expect(byName(year)).toMatchObject({
        'Good Friday': goodFriday,
        'Easter Sunday': easterSunday(year),
        'Easter Monday': easterMonday,
        'Ascension Day': ascension,
        Whitsun: whitsun,
        'Midsummer Eve': midsummerEve,
        'Midsummer Day': midsummerDay,
        "All Saints' Day": allSaints,
      });
    },
  );

  it.each([2025, 2026, 2027, 2028])('fixed-date holidays of %i fall on their calendar dates', (year) => {
    expect(byName(year)).toMatchObject({
      "New Year's Day": `${year}-01-01`,
      Epiphany: `${year}-01-06`,
      'May Day': `${year}-05-01`,
      'National Day of Sweden': `${year}-06-06`,
      'Christmas Eve': `${year}-12-24`,
      'Christmas Day': `${year}-12-25`,
      'Boxing Day': `${year}-12-26`,
      "New Year's Eve": `${year}-12-31`,
    });
  });

  it('lists all 16 public and de facto holidays with Swedish names, sorted by date', () => {
    const holidays = swedishHolidays(2026);
    expect(holidays).toHaveLength(16);
    expect(holidays.map((h) => h.date)).toEqual([...holidays.map((h) => h.date)].sort());
    expect(holidays.find((h) => h.name === 'Midsummer Eve')).toEqual({
      date: '2026-06-19',
      name: 'Midsummer Eve',
      nameSv: 'Midsommarafton',
    });
    expect(holidays.map((h) => h.nameSv)).toEqual(
      expect.arrayContaining(['Nyårsdagen', 'Trettondedag jul', 'Långfredagen', 'Annandag påsk', 'Julafton']),
    );
    expect(holidays.every((h) => h.date.startsWith('2026-') && h.nameSv.length > 0)).toBe(true);
  });

  it('keeps both holidays when two coincide (Ascension Day on 1 May 2008)', () => {
    const onFirstOfMay = swedishHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(onFirstOfMay.map((h) => h.name).sort()).toEqual(['Ascension Day', 'May Day']);
  });

  it('returns a copy, so mutating the result cannot corrupt the memoised year', () => {
    const first = swedishHolidays(2027);
    first.length = 0;
    const second = swedishHolidays(2027);
    second[0].date = '1999-01-01';
    expect(swedishHolidays(2027)).toHaveLength(16);
    expect(swedishHolidays(2027)[0].date).toBe('2027-01-01');
  });

  it('Midsummer Eve is always the Friday between 19 and 25 June; Whitsun, Midsummer Day and All Saints fall on weekends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const holidays = byName(year);
        expect(dayOfWeek(holidays['Midsummer Eve'])).toBe(5);
        expect(
          holidays['Midsummer Eve'] >= `${year}-06-19` && holidays['Midsummer Eve'] <= `${year}-06-25`,
        ).toBe(true);
        expect(dayOfWeek(holidays.Whitsun)).toBe(0);
        expect(dayOfWeek(holidays['Midsummer Day'])).toBe(6);
        expect(dayOfWeek(holidays["All Saints' Day"])).toBe(6);
      }),
    );
  });
});

describe('isHoliday and isBusinessDay', () => {
  it.each([
    '2025-01-01',
    '2025-01-06',
    '2025-04-18',
    '2025-04-21',
    '2025-05-01',
    '2025-05-29',
    '2025-06-06',
    '2025-06-20',
    '2025-12-24',
    '2025-12-25',
    '2025-12-26',
    '2025-12-31',
  ])('%s is a holiday and therefore not a business day', (date) => {
    expect(isHoliday(date)).toBe(true);
    expect(isBusinessDay(date)).toBe(false);
  });

  it.each(['2025-03-08', '2025-03-09'])(
    'weekend day %s is not a business day even without a holiday',
    (date) => {
      expect(isHoliday(date)).toBe(false);
      expect(isBusinessDay(date)).toBe(false);
    },
  );

  it.each([
    ['2025-04-17', 'Maundy Thursday is an ordinary working day'],
    ['2025-06-09', 'Whit Monday stopped being a holiday in 2005'],
    ['2025-03-10', 'an ordinary Monday'],
  ])('%s is a business day (%s)', (date) => {
    expect(isHoliday(date)).toBe(false);
    expect(isBusinessDay(date)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-4-1',
    '20250401',
    '',
    '2025-04-01T00:00',
  ])('malformed or impossible date %p throws RangeError', (date) => {
    expect(() => isBusinessDay(date)).toThrow(RangeError);
    expect(() => isHoliday(date)).toThrow(RangeError);
  });

  it('accepts 29 February in a leap year', () => {
    expect(isBusinessDay('2028-02-29')).toBe(true);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2025-04-17', 1, '2025-04-22', 'skips Good Friday, the Easter weekend and Easter Monday'],
    ['2026-04-02', 2, '2026-04-08', 'skips Easter 2026'],
    ['2025-12-23', 1, '2025-12-29', 'skips Christmas Eve, Christmas Day, Boxing Day and the weekend'],
    ['2025-12-23', 3, '2026-01-02', "skips New Year's Eve and New Year's Day across the year boundary"],
    ['2025-12-23', 5, '2026-01-07', 'skips Epiphany'],
    ['2025-03-07', 1, '2025-03-10', 'skips a weekend from Friday'],
    ['2025-03-08', 1, '2025-03-10', 'counts from a Saturday to the next Monday'],
    ['2025-03-10', 5, '2025-03-17', 'five business days is a calendar week when no holiday intervenes'],
    ['2025-05-28', 1, '2025-05-30', 'skips Ascension Day'],
    ['2025-06-19', 1, '2025-06-23', 'skips Midsummer Eve and the Midsummer weekend'],
  ])('%s + %i business days = %s (%s)', (date, n, expected) => {
    expect(addBusinessDays(date, n)).toBe(expected);
  });

  it('n = 0 returns the date itself, even when that date is not a business day', () => {
    expect(addBusinessDays('2025-03-10', 0)).toBe('2025-03-10');
    expect(addBusinessDays('2025-12-25', 0)).toBe('2025-12-25');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('n = %p throws RangeError', (n) => {
    expect(() => addBusinessDays('2025-03-10', n)).toThrow(RangeError);
  });

  it('malformed date throws RangeError', () => {
    expect(() => addBusinessDays('10/03/2025', 1)).toThrow(RangeError);
  });

  it('property: for n >= 1 the result is always a business day', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 60 }), (date, n) => {
        expect(isBusinessDay(addBusinessDays(date, n))).toBe(true);
      }),
    );
  });

  it('property: the result is strictly increasing in n', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 60 }), (date, n) => {
        expect(addBusinessDays(date, n + 1) > addBusinessDays(date, n)).toBe(true);
      }),
    );
  });

  it('property: adding n + 1 business days equals adding n and then one more', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 60 }), (date, n) => {
        expect(addBusinessDays(date, n + 1)).toBe(addBusinessDays(addBusinessDays(date, n), 1));
      }),
    );
  });
});

describe('stockholmDate', () => {
  it.each([
    ['2025-06-30T22:30:00Z', '2025-07-01', 'summer time is UTC+2, so 22:30Z is already the next day'],
    ['2025-06-30T21:59:59.999Z', '2025-06-30', 'last millisecond of the Stockholm day in summer'],
    ['2025-12-31T23:00:00Z', '2026-01-01', 'winter time is UTC+1, so 23:00Z is already the new year'],
    ['2025-12-31T22:59:59.999Z', '2025-12-31', 'last millisecond of the Stockholm day in winter'],
    ['2025-03-30T01:30:00Z', '2025-03-30', 'during the spring-forward hour'],
    ['2025-10-26T00:30:00Z', '2025-10-26', 'during the repeated autumn hour'],
  ])('%s is Stockholm date %s (%s)', (instant, expected) => {
    expect(stockholmDate(utc(instant))).toBe(expected);
  });

  it('an invalid Date throws RangeError', () => {
    expect(() => stockholmDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('businessDayDueAt', () => {
  it('defaults to 16:00 Stockholm (15:00Z in winter) on the Nth business day after opening', () => {
    // Opened Monday 10:00 CET; two business days later is Wednesday.
    expect(businessDayDueAt(utc('2025-03-03T09:00:00Z'), 2).toISOString()).toBe('2025-03-05T15:00:00.000Z');
  });

  it('is 16:00 CEST (14:00Z) when spring DST starts between opening and due date', () => {
    // Opened Friday 28 March 2025 in CET; clocks go forward on Sunday 30 March.
    expect(businessDayDueAt(utc('2025-03-28T09:00:00Z'), 2).toISOString()).toBe('2025-04-01T14:00:00.000Z');
  });

  it('is 16:00 CET (15:00Z) when autumn DST ends between opening and due date', () => {
    // Opened Friday 24 October 2025 in CEST; clocks go back on Sunday 26 October.
    expect(businessDayDueAt(utc('2025-10-24T08:00:00Z'), 1).toISOString()).toBe('2025-10-27T15:00:00.000Z');
  });

  it('counts from the Stockholm calendar day, not the UTC day', () => {
    // 23:30Z on Thursday is 00:30 on Friday in Stockholm, so one business day later is Monday.
    expect(businessDayDueAt(utc('2025-01-09T23:30:00Z'), 1).toISOString()).toBe('2025-01-13T15:00:00.000Z');
    // 21:30Z on the same Thursday is still Thursday in Stockholm.
    expect(businessDayDueAt(utc('2025-01-09T21:30:00Z'), 1).toISOString()).toBe('2025-01-10T15:00:00.000Z');
  });

  it('skips Easter holidays when counting', () => {
    expect(businessDayDueAt(utc('2026-04-02T10:00:00Z'), 2).toISOString()).toBe('2026-04-08T14:00:00.000Z');
  });

  it('honours a custom hour in Stockholm time', () => {
    expect(businessDayDueAt(utc('2025-07-01T10:00:00Z'), 1, 9).toISOString()).toBe(
      '2025-07-02T07:00:00.000Z',
    );
  });

  it('zero business days means 16:00 the same Stockholm day', () => {
    expect(businessDayDueAt(utc('2025-03-03T09:00:00Z'), 0).toISOString()).toBe('2025-03-03T15:00:00.000Z');
  });

  it.each([
    [utc('2025-03-03T09:00:00Z'), -1, 16],
    [utc('2025-03-03T09:00:00Z'), 1.5, 16],
    [utc('2025-03-03T09:00:00Z'), 1, 24],
    [utc('2025-03-03T09:00:00Z'), 1, -1],
    [new Date(Number.NaN), 1, 16],
  ])('rejects invalid input (%p, %p, hour %p) with RangeError', (openedAt, businessDays, hour) => {
    expect(() => businessDayDueAt(openedAt, businessDays, hour)).toThrow(RangeError);
  });

  it('property: the deadline is always at 16:00 Stockholm wall-clock time on a business day', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 30 }), (openedAt, n) => {
        const due = businessDayDueAt(openedAt, n);
        const wallClock = new Intl.DateTimeFormat('en-GB', {
          timeZone: BUSINESS_TIME_ZONE,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(due);
        expect(wallClock).toBe('16:00');
        expect(stockholmDate(due)).toBe(addBusinessDays(stockholmDate(openedAt), n));
        if (n > 0) expect(isBusinessDay(stockholmDate(due))).toBe(true);
      }),
    );
  });
});

describe('addCalendarHours', () => {
  it('adds elapsed hours', () => {
    expect(addCalendarHours(utc('2025-03-03T09:00:00Z'), 4).toISOString()).toBe('2025-03-03T13:00:00.000Z');
  });

  it('adds elapsed hours across a DST switch, so the wall clock moves 5 hours for 4 elapsed', () => {
    // 00:00 CET on 30 March 2025 + 4h = 05:00 CEST.
    expect(addCalendarHours(utc('2025-03-29T23:00:00Z'), 4).toISOString()).toBe('2025-03-30T03:00:00.000Z');
  });

  it('ignores weekends and holidays (urgent call-offs run on calendar hours)', () => {
    expect(addCalendarHours(utc('2025-12-24T20:00:00Z'), 8).toISOString()).toBe('2025-12-25T04:00:00.000Z');
  });

  it('rejects a non-finite number of hours or an invalid Date with RangeError', () => {
    expect(() => addCalendarHours(utc('2025-03-03T09:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addCalendarHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('businessDaysBetween', () => {
  it.each([
    ['2025-03-03T11:00:00Z', '2025-03-03T23:00:00Z', 0.5, 'half a business day (Monday 12:00 to midnight)'],
    ['2025-03-03T11:00:00Z', '2025-03-04T23:00:00Z', 1.5, 'Monday noon to Wednesday 00:00'],
    [
      '2025-03-07T11:00:00Z',
      '2025-03-10T11:00:00Z',
      1,
      'Friday noon to Monday noon: the weekend does not count',
    ],
    ['2025-03-08T08:00:00Z', '2025-03-09T20:00:00Z', 0, 'time within a weekend does not count'],
    [
      '2025-04-16T22:00:00Z',
      '2025-04-21T22:00:00Z',
      1,
      'Thursday to Tuesday over Easter: only Thursday counts',
    ],
    [
      '2025-12-23T23:00:00Z',
      '2025-12-28T23:00:00Z',
      0,
      'Christmas Eve to the next Monday: holidays and weekend',
    ],
    [
      '2025-03-27T23:00:00Z',
      '2025-03-31T22:00:00Z',
      2,
      'Friday and Monday around spring DST count exactly 2',
    ],
    [
      '2025-10-23T22:00:00Z',
      '2025-10-27T23:00:00Z',
      2,
      'Friday and Monday around autumn DST count exactly 2',
    ],
  ])('%s → %s is %p business days (%s)', (from, to, expected) => {
    expect(businessDaysBetween(utc(from), utc(to))).toBeCloseTo(expected, 10);
  });

  it('is 0 when to is not after from', () => {
    expect(businessDaysBetween(utc('2025-03-04T10:00:00Z'), utc('2025-03-04T10:00:00Z'))).toBe(0);
    expect(businessDaysBetween(utc('2025-03-05T10:00:00Z'), utc('2025-03-04T10:00:00Z'))).toBe(0);
  });

  it('rejects an invalid Date with RangeError', () => {
    expect(() => businessDaysBetween(new Date(Number.NaN), utc('2025-03-04T10:00:00Z'))).toThrow(RangeError);
  });

  it('property: elapsed business time is additive over consecutive intervals', () => {
    fc.assert(
      fc.property(instantArb, fc.nat(20 * MS_PER_DAY), fc.nat(20 * MS_PER_DAY), (a, d1, d2) => {
        const b = new Date(a.getTime() + d1);
        const c = new Date(b.getTime() + d2);
        expect(businessDaysBetween(a, c)).toBeCloseTo(
          businessDaysBetween(a, b) + businessDaysBetween(b, c),
          9,
        );
      }),
    );
  });

  it('property: from opening to a 16:00 deadline N business days later is between N − 1/3 and N + 2/3', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 20 }), (openedAt, n) => {
        const elapsed = businessDaysBetween(openedAt, businessDayDueAt(openedAt, n));
        expect(elapsed).toBeGreaterThanOrEqual(n - 1 / 3 - 1e-9);
        expect(elapsed).toBeLessThanOrEqual(n + 2 / 3 + 1e-9);
      }),
    );
  });
});

describe('determinism', () => {
  it('never reads the clock, so it is safe inside Temporal workflow code', () => {
    const RealDate = Date;
    class ClocklessDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) throw new Error('new Date() without arguments reads the clock');
        // Any argument list the real Date accepts is forwarded unchanged.
        super(...(args as [number]));
      }
      static override now(): number {
        throw new Error('Date.now() reads the clock');
      }
    }
    global.Date = ClocklessDate as DateConstructor;
    try {
      expect(() => new Date()).toThrow('reads the clock');
      expect(() => Date.now()).toThrow('reads the clock');
      // A year not used elsewhere in this file, so the holiday cache is cold.
      expect(swedishHolidays(2061)).toHaveLength(16);
      expect(isBusinessDay(addBusinessDays('2061-04-07', 3))).toBe(true);
      const openedAt = new RealDate('2061-03-25T09:00:00Z');
      const due = businessDayDueAt(openedAt, 3);
      expect(stockholmDate(due)).toBe(addBusinessDays('2061-03-25', 3));
      expect(businessDaysBetween(openedAt, due)).toBeGreaterThan(0);
      expect(addCalendarHours(openedAt, 4).getTime() - openedAt.getTime()).toBe(4 * 3_600_000);
    } finally {
      global.Date = RealDate;
    }
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-03-31', 1, '2026-04-01', 'across a month end'],
    ['2026-12-31', 1, '2027-01-01', 'across a year end'],
    ['2028-02-28', 1, '2028-02-29', 'into a leap day'],
    ['2026-02-28', 1, '2026-03-01', 'past February in a common year'],
    ['2026-03-28', 2, '2026-03-30', 'across the spring DST switch, which does not shorten a day'],
    ['2026-10-24', 2, '2026-10-26', 'across the autumn DST switch'],
    ['2026-03-02', 90, '2026-05-31', 'ninety days'],
    ['2026-04-01', -1, '2026-03-31', 'backwards'],
    ['2026-04-01', 0, '2026-04-01', 'zero days'],
  ])('%s + %i days = %s (%s)', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('property: adding n days and then −n days returns the date', () => {
    const dateArb = fc
      .integer({ min: Date.UTC(1970, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
      .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -3650, max: 3650 }), (date, n) => {
        expect(addCalendarDays(addCalendarDays(date, n), -n)).toBe(date);
        expect(Date.parse(addCalendarDays(date, n)) - Date.parse(date)).toBe(n * 86_400_000);
      }),
    );
  });
});

describe('calendar months and weekdays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28', 'to a shorter month: its last day'],
    ['2028-02-29', -12, '2027-02-28', 'a leap day a year back: the last day of February'],
    ['2026-03-15', -12, '2025-03-15', 'a year back'],
    ['2026-12-01', 1, '2027-01-01', 'across a year end'],
    ['2026-01-01', -1, '2025-12-01', 'back across a year end'],
  ])('%s + %i months = %s (%s)', (date, n, expected) => {
    expect(addCalendarMonths(date, n)).toBe(expected);
  });

  it('counts calendar days between two dates, negative backwards', () => {
    expect(calendarDaysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(calendarDaysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(calendarDaysBetween('2026-04-10', '2026-04-01')).toBe(-9);
  });

  it('property: the days between a date and n days later are n', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -3650, max: 3650 }), (date, n) => {
        expect(calendarDaysBetween(date, addCalendarDays(date, n))).toBe(n);
      }),
    );
  });

  it('counts days since Monday, Monday 0 and Sunday 6', () => {
    expect(daysSinceMonday('2026-04-06')).toBe(0);
    expect(daysSinceMonday('2026-04-05')).toBe(6);
    expect(daysSinceMonday('2026-04-08')).toBe(2);
  });
});
