import { formatters } from '../../apps/web/src/format/format';

describe('one date style in the UI', () => {
  it('writes Swedish dates with a short month and times with kl. and a full stop, in Stockholm time', () => {
    const sv = formatters('sv');
    expect(sv.date('2026-12-01')).toBe('1 dec. 2026');
    expect(sv.dateTime('2026-12-01T15:00:00Z')).toBe('1 dec. 2026 kl. 16.00');
    expect(sv.dateTime('2026-06-30T22:30:00Z')).toBe('1 juli 2026 kl. 00.30');
  });

  it('writes English in English', () => {
    const en = formatters('en');
    expect(en.date('2026-12-01')).toBe('1 Dec 2026');
    expect(en.dateTime('2026-12-01T15:00:00Z')).toBe('1 Dec 2026, 16:00');
  });
});
