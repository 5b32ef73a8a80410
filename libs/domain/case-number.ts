/**
 * A request's case number (diarienummer-like): the Stockholm year it was submitted and its place in that year's
 * submissions, `2026-00042`. Five digits cover a region's year with room to spare; a 100 000th request would
 * simply print six, so the number never wraps or collides.
 */
export interface CaseNumber {
  year: number;
  seq: number;
}

export function formatCaseNumber(c: CaseNumber): string {
  return `${c.year}-${String(c.seq).padStart(5, '0')}`;
}

/**
 * A case number as a person types it into a search box: `2026-00042`, `2026-42` or `2026 42`. Null when the text
 * is not a case number.
 */
export function parseCaseNumber(text: string): CaseNumber | null {
  const m = /^\s*(\d{4})\s*[-–\s/]\s*(\d{1,9})\s*$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 2000 || year > 2999 || seq < 1 || seq > 2_147_483_647) return null;
  return { year, seq };
}
