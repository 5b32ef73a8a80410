import { DEFAULT_PERIOD_WARNING_DAYS, parseWarningDays, plannedWarnings } from '@domain/period-watch';

const at = (iso: string) => new Date(iso);

describe('plannedWarnings', () => {
  it('plans warnings at 08:00 Stockholm time 14, 7 and 1 days before the last valid day', () => {
    const warnings = plannedWarnings('2026-06-30', at('2026-04-01T10:00:00Z'));
    expect(warnings.map((w) => [w.daysBefore, w.at.toISOString()])).toEqual([
      [14, '2026-06-16T06:00:00.000Z'],
      [7, '2026-06-23T06:00:00.000Z'],
      [1, '2026-06-29T06:00:00.000Z'],
    ]);
  });

  it('sends the latest passed warning at once when the watch starts inside the window, and skips older ones', () => {
    const now = at('2026-06-25T12:00:00Z');
    const warnings = plannedWarnings('2026-06-30', now);
    expect(warnings.map((w) => w.daysBefore)).toEqual([7, 1]);
    expect(warnings[0].at).toEqual(now);
  });

  it('plans nothing for a period that has already ended', () => {
    expect(plannedWarnings('2026-06-30', at('2026-07-01T00:00:00Z'))).toEqual([]);
  });

  it('uses winter time in December', () => {
    expect(plannedWarnings('2026-12-31', at('2026-01-01T00:00:00Z'))[0].at.toISOString()).toBe(
      '2026-12-17T07:00:00.000Z',
    );
  });
});

describe('plannedWarnings at configured lead times', () => {
  it('plans the default 60, 30, 14 and 7 days before the end', () => {
    const warnings = plannedWarnings('2026-06-30', at('2026-01-01T10:00:00Z'), DEFAULT_PERIOD_WARNING_DAYS);
    expect(warnings.map((w) => [w.daysBefore, w.at.toISOString()])).toEqual([
      [60, '2026-05-01T06:00:00.000Z'],
      [30, '2026-05-31T06:00:00.000Z'],
      [14, '2026-06-16T06:00:00.000Z'],
      [7, '2026-06-23T06:00:00.000Z'],
    ]);
  });

  it('plans the furthest first whatever order the lead times come in', () => {
    expect(
      plannedWarnings('2026-06-30', at('2026-01-01T10:00:00Z'), [3, 45]).map((w) => w.daysBefore),
    ).toEqual([45, 3]);
  });
});

describe('parseWarningDays', () => {
  it('reads a comma-separated list, furthest first, without repeats', () => {
    expect(parseWarningDays('14, 60,7,30,7')).toEqual([60, 30, 14, 7]);
  });

  it.each(['', '0', '367', '2.5', 'x', '30,,7'])('refuses %j with a message', (text) => {
    expect(typeof parseWarningDays(text)).toBe('string');
  });
});
