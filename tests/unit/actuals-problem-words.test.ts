import { checkActuals, type CostUnit, parseActuals } from '@domain/cost-actuals';
import type { Sheet } from '@domain/org-import';
import { fieldMessageKey } from '../../apps/web/src/i18n/field-message-patterns';
import { en } from '../../apps/web/src/i18n/en';
import { sv } from '../../apps/web/src/i18n/sv';

const HEADER = ['Månad', 'Enhetskod', 'Inhyrd personal (kr)', 'Egen personal (kr)'];
const sheet = (header: string[], rows: string[][]): Sheet => ({
  name: 'Utfall',
  header,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
});
const UNITS: CostUnit[] = [
  { code: 'SOM', level: 'division', parentCode: null },
  { code: 'SOM-AKUT', level: 'unit', parentCode: 'SOM' },
];
const problemsOf = (s: Sheet) => {
  const { rows, problems } = parseActuals(s, '2026-12-02');
  return [...problems, ...checkActuals(s.name, rows, UNITS)];
};

/** Sheets that between them make every problem the actuals import reports on a row. */
const BAD: Sheet[] = [
  sheet(HEADER, [
    ['2026-13', '', '-1', '12,5'],
    ['1999-12', 'SOM', '5000000000', 'x'],
    ['2027-01', 'SOM', '', '1'],
    ['2026-01', 'NOPE', '1', '1'],
    ['2026-01', 'SOM', '1', '1'],
    ['2026-01', 'SOM', '1', '1'],
    ['2026-01', 'SOM-AKUT', '1', '1'],
  ]),
  sheet(['Månad'], []),
];

describe('the words of the actuals import’s problems', () => {
  const messages = [...new Set(BAD.flatMap(problemsOf).map((p) => p.message))];

  it('makes the problems it is meant to', () => {
    expect(messages.length).toBeGreaterThanOrEqual(12);
  });

  it.each([...messages, 'holds no rows', '"SOM" is outside your divisions'])(
    'has Swedish and English words for “%s”',
    (message) => {
      const found = fieldMessageKey(message);
      expect(found).toBeDefined();
      const [group, key] = found!.key.split('.');
      expect(group).toBe('fieldMessage');
      expect((sv.fieldMessage as Record<string, string>)[key]).toBeDefined();
      expect((en.fieldMessage as Record<string, string>)[key]).toBeDefined();
    },
  );
});
