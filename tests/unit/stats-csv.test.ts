import { cell } from '../../apps/api/src/stats/stats-csv';

describe('CSV cells of the statistics export', () => {
  it.each(['=HYPERLINK("http://x.example","Klicka")', '+1+cmd|calc', '-2+3', '@SUM(A1:A9)', '\tTab', '\rCR'])(
    'keeps %j as text, prefixed with an apostrophe',
    (text) => {
      const written = cell(text);
      expect(written.replace(/^"/, '').startsWith(`'${text[0]}`)).toBe(true);
    },
  );

  it('leaves ordinary names, and numbers, be', () => {
    expect(cell('Länssjukvårdsområde Somatik')).toBe('Länssjukvårdsområde Somatik');
    expect(cell('-12')).toBe('-12');
    expect(cell('+3,5')).toBe('+3,5');
    expect(cell(-1250.5)).toBe('-1250,5');
    expect(cell(null)).toBe('');
  });

  it('still quotes a neutralised cell that holds a separator or a quote', () => {
    expect(cell('=1;"2"')).toBe(`"'=1;""2"""`);
  });
});
