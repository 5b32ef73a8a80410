import { parseCsv, separatorOf } from '@org-import/csv';

describe('the import CSV reader', () => {
  it('reads Swedish Excel CSV: semicolons, a BOM, CRLF, quoted separators, quotes and line breaks', () => {
    const text =
      '\ufeffTyp;Namn;Kod\r\nenhet;"Akut; mottagning";A\r\nperson;"Anna ""Annie""\r\nAndersson";B\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['Typ', 'Namn', 'Kod'] },
      { line: 2, cells: ['enhet', 'Akut; mottagning', 'A'] },
      { line: 3, cells: ['person', 'Anna "Annie"\r\nAndersson', 'B'] },
    ]);
  });

  it('numbers a record after a quoted line break by the line it starts on', () => {
    const records = parseCsv('a,b\n"x\ny",1\nz,2');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[2].cells).toEqual(['z', '2']);
  });

  it('takes the separator the header uses most, outside quotes', () => {
    expect(separatorOf('a;b;c\n1,2')).toBe(';');
    expect(separatorOf('"a;b",c,d')).toBe(',');
  });

  it('keeps empty trailing fields and skips no quoted empty record', () => {
    expect(parseCsv('a;b;\n;;\n""\n')).toEqual([
      { line: 1, cells: ['a', 'b', ''] },
      { line: 2, cells: ['', '', ''] },
      { line: 3, cells: [''] },
    ]);
  });
});
