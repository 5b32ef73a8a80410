import { type ImportFile, planOrganisationImport, type Sheet } from '@domain/org-import';
import { fieldMessageKey } from '../../apps/web/src/i18n/field-message-patterns';
import { en } from '../../apps/web/src/i18n/en';
import { sv } from '../../apps/web/src/i18n/sv';

const sheet = (name: string, header: string[], rows: string[][]): Sheet => ({
  name,
  header,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
});
const UNIT_HEADER = [
  'Enhetskod',
  'Överordnad kod',
  'Namn',
  'Nivå',
  'Budget (kr)',
  'Personalkostnad (kr)',
  'Giltig från',
  'Giltig till',
];
const PERSON_HEADER = ['Id (HSA-id)', 'Namn', 'E-post', 'Roll', 'Omfattning (enhetskod)', 'Från', 'Till'];
const file = (units: string[][], people: string[][], header = PERSON_HEADER): ImportFile => ({
  fileName: 'org.xlsx',
  units: sheet('Enheter', UNIT_HEADER, units),
  people: sheet('Personer', header, people),
});
const NO_ORGANISATION = { units: [], people: [] };
const problemsOf = (f: ImportFile) => planOrganisationImport(f, NO_ORGANISATION, '2026-12-01').problems;

/** Files that between them make every problem the import reports on a row or a file. */
const BAD_FILES: ImportFile[] = [
  file(
    [
      ['MED', 'X', 'Medicin', 'division', 'tusen', '', '2026-02-30', ''],
      ['MED', '', 'Medicin igen', 'division', '', '', '', ''],
      ['A/B C', '', '', 'avdelning', '', '', '', ''],
      ['AKUT', '', 'Akuten', 'unit', '', '', '2026-05-01', '2026-04-01'],
      ['AVD', 'AKUT2', 'Avdelning', 'unit', '', '', '', ''],
      ['AKUT2', 'AVD', 'Akuten 2', 'unit', '', '', '', ''],
      ['AVD3', 'OKÄND', 'Avdelning 3', 'unit', '', '', '', ''],
    ],
    [
      ['', '', 'inte-en-adress', 'kung', '', '', ''],
      ['SE 1', 'Namn', '', 'requester', '', '', ''],
      ['SE-2', 'Två', '', 'requester', 'MED', '', ''],
      ['SE-2', 'Två', '', 'requester', 'MED', '', ''],
      ['SE-2', 'Annat namn', '', '', '', '', ''],
      ['SE-3', 'Tre', '', 'requester', 'SAKNAS', '', ''],
    ],
  ),
  file([['MED', '', 'Medicin', 'division', '', '', '', '']], [], ['Id (HSA-id)', 'Namn']),
  file([], []),
  file(
    [
      ['MED', '', 'Medicin', 'division', '', '', '', ''],
      ['MED', '', 'Medicin', 'division', '', '', '', ''],
    ],
    [['SE-1', 'Ett', '', 'requester', 'MED', '', '']],
  ),
];

describe('the words of the organisation import’s problems', () => {
  const messages = [...new Set(BAD_FILES.flatMap(problemsOf).map((p) => p.message))];

  it('makes the problems it is meant to (the files above still reach every check)', () => {
    expect(messages.length).toBeGreaterThanOrEqual(24);
  });

  it.each(messages)('has Swedish and English words for “%s”', (message) => {
    const found = fieldMessageKey(message);
    expect(found).toBeDefined();
    const [group, key] = found!.key.split('.');
    expect(group).toBe('fieldMessage');
    expect((sv.fieldMessage as Record<string, string>)[key]).toBeDefined();
    expect((en.fieldMessage as Record<string, string>)[key]).toBeDefined();
  });
});
