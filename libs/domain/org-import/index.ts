import { checkFile, type ImportPlan, type Organisation, planImport } from './plan';
import { type ImportProblem, parsePeople, parseUnits, type Sheet } from './rows';

export * from './plan';
export * from './rows';

/** The two sheets of an import and the name of the file they came from (problems name it). */
export interface ImportFile {
  fileName: string;
  units: Sheet;
  people: Sheet;
  /** What the reader already found wrong (a CSV row of no known type). */
  problems?: ImportProblem[];
}

/**
 * The whole import, pure: rows parsed and checked, then planned against `current`. With any problem there is no
 * plan, so a file with one bad row changes nothing.
 */
export function planOrganisationImport(
  file: ImportFile,
  current: Organisation,
  today: string,
): { problems: ImportProblem[]; plan: ImportPlan | null; rows: { units: number; people: number } } {
  const units = parseUnits(file.units);
  const people = parsePeople(file.people);
  const validated = { units: units.rows, people: people.rows };
  const problems = [...(file.problems ?? []), ...units.problems, ...people.problems];
  const rows = {
    units: file.units.rows.filter((r) => r.cells.some((c) => c.trim())).length,
    people: file.people.rows.filter((r) => r.cells.some((c) => c.trim())).length,
  };
  if (rows.units === 0 && rows.people === 0 && problems.length === 0)
    return {
      problems: [{ sheet: file.fileName, line: 0, field: 'file', message: 'holds no units and no people' }],
      plan: null,
      rows,
    };
  // Rows missing from the file mean "close" and "deactivate": a sheet left empty would empty the organisation.
  for (const [sheet, count] of [
    [file.units, rows.units],
    [file.people, rows.people],
  ] as const)
    if (count === 0)
      problems.push({
        sheet: sheet.name,
        line: 0,
        field: 'file',
        message: 'holds no rows: the import replaces the whole organisation',
      });
  problems.push(...checkFile(validated, current, { units: file.units.name, people: file.people.name }));
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.line - b.line);
  return { problems, plan: problems.length ? null : planImport(validated, current, today), rows };
}
