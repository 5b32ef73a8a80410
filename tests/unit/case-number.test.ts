import { formatCaseNumber, parseCaseNumber } from '@domain/case-number';
import { dateRange, requestHeading, requestTitle, requestTitles } from '@domain/request-title';
import { notificationPath } from '@domain/notification-target';

describe('case numbers', () => {
  it('writes the year and a five-digit place in it', () => {
    expect(formatCaseNumber({ year: 2026, seq: 42 })).toBe('2026-00042');
    expect(formatCaseNumber({ year: 2027, seq: 1 })).toBe('2027-00001');
  });

  it('grows past five digits instead of wrapping', () => {
    expect(formatCaseNumber({ year: 2026, seq: 123456 })).toBe('2026-123456');
  });

  it('reads a case number as people type it', () => {
    expect(parseCaseNumber('2026-00042')).toEqual({ year: 2026, seq: 42 });
    expect(parseCaseNumber(' 2026-42 ')).toEqual({ year: 2026, seq: 42 });
    expect(parseCaseNumber('2026 42')).toEqual({ year: 2026, seq: 42 });
    expect(parseCaseNumber('2026–42')).toEqual({ year: 2026, seq: 42 });
  });

  it('refuses what is not a case number', () => {
    for (const text of ['', '42', '2026', '2026-', '2026-0', 'abcd-00042', '2026-00042; drop', '1899-00001'])
      expect(parseCaseNumber(text)).toBeNull();
  });

  it('round-trips every number it formats', () => {
    for (const c of [
      { year: 2026, seq: 1 },
      { year: 2030, seq: 99999 },
      { year: 2026, seq: 100000 },
    ])
      expect(parseCaseNumber(formatCaseNumber(c))).toEqual(c);
  });
});

describe('request titles', () => {
  const hire = { kind: 'hire' as const, title: 'Sjuksköterska, Avd 4', employmentForm: 'permanent' as const };
  const callOff = {
    kind: 'agency_call_off' as const,
    supplier: 'Bemanningsföretaget AB',
    periodFrom: '2026-06-01',
    periodTo: '2026-06-30',
  };

  it('names a hire by its title and form of employment', () => {
    expect(requestTitle(hire)).toBe('Sjuksköterska, Avd 4 (tillsvidare)');
    expect(requestTitle({ ...hire, employmentForm: 'substitute' })).toBe('Sjuksköterska, Avd 4 (vikariat)');
    expect(requestTitle(hire, 'en')).toBe('Sjuksköterska, Avd 4 (permanent)');
  });

  it('names a call-off by its supplier and period', () => {
    expect(requestTitle(callOff)).toBe('Bemanningsföretaget AB, 1–30 juni 2026');
    expect(requestTitle(callOff, 'en')).toBe('Bemanningsföretaget AB, 1–30 June 2026');
  });

  it('writes a period across months and years in full, and one day as one date', () => {
    expect(dateRange('2026-05-15', '2026-06-30', 'sv')).toBe('15 maj–30 juni 2026');
    expect(dateRange('2026-12-15', '2027-01-10', 'sv')).toBe('15 december 2026–10 januari 2027');
    expect(dateRange('2026-06-01', '2026-06-01', 'sv')).toBe('1 juni 2026');
  });

  it('keeps a hyphen in the supplier name', () => {
    expect(requestTitle({ ...callOff, supplier: 'Vård-Bemanning AB' })).toBe(
      'Vård-Bemanning AB, 1–30 juni 2026',
    );
  });

  it('gives both languages and a list heading with the case number first', () => {
    expect(requestTitles(hire)).toEqual({
      summary: 'Sjuksköterska, Avd 4 (tillsvidare)',
      summaryEn: 'Sjuksköterska, Avd 4 (permanent)',
    });
    expect(requestHeading('2026-00042', requestTitle(hire))).toBe(
      '2026-00042 · Sjuksköterska, Avd 4 (tillsvidare)',
    );
  });
});

describe('where a notification leads', () => {
  const id = '6f1c1f0e-0000-4000-8000-000000000001';
  it('sends a reviewer to the decision page and the requester to the request', () => {
    expect(notificationPath('stage_opened', id)).toBe(`/review/${id}`);
    expect(notificationPath('stage_overdue', id)).toBe(`/review/${id}`);
    expect(notificationPath('decision_return', id)).toBe(`/requests/${id}`);
    expect(notificationPath('return_reminder', id)).toBe(`/requests/${id}`);
  });

  it('sends the HR lead to the list of requests without a requester, and lapse warnings to their pages', () => {
    expect(notificationPath('requester_needed', id)).toBe('/without-requester');
    expect(notificationPath('period_ending', null)).toBe('/periods');
    expect(notificationPath('exemption_ending', null)).toBe('/exemptions');
    expect(notificationPath('something_new', null)).toBeNull();
  });
});

describe('titles of rows stored before every field was required', () => {
  it('names what is there and never throws', () => {
    expect(requestTitle({ kind: 'hire' } as never)).toBe('');
    expect(requestTitle({ kind: 'agency_call_off', supplier: 'AB' } as never)).toBe('AB');
    expect(requestHeading('2026-00001', '')).toBe('2026-00001');
  });
});
