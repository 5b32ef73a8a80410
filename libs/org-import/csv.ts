/**
 * RFC 4180 CSV as Swedish Excel writes it: `;` (or `,`) between fields, fields in double quotes may hold the
 * separator, quotes (doubled) and line breaks; CRLF or LF; a UTF-8 byte-order mark ignored. Each record keeps the
 * line it starts on, which is the line number a text editor shows.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** `;` when the header line has more semicolons than commas outside quotes (Swedish Excel), else `,`. */
export function separatorOf(text: string): ';' | ',' {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semi++;
    else if (!quoted && ch === ',') comma++;
  }
  return semi > comma ? ';' : ',';
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separatorOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    // A trailing newline is no empty record; a quoted empty field (`""`) is one.
    const empty = cells.length === 0 && cell === '' && !wasQuoted;
    endCell();
    if (!empty) records.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (ch === sep) endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0 || wasQuoted) endRecord();
  return records;
}
