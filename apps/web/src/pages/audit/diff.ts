/**
 * What changed between two snapshots of the admin audit log, field by field, for people to read: a field whose
 * value differs, and for a person's roles the grants added and those taken away (a changed end date is one of
 * each). Snapshots are the API's JSON (PersonSnapshot, a unit's row, a delegation), compared by value.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface SnapshotDiff {
  fields: FieldChange[];
  rolesAdded: unknown[];
  rolesRemoved: unknown[];
  /** The same grant (role, scope, first day) with another last day: ended early or lengthened. */
  rolesChanged: { before: unknown; after: unknown }[];
}

type Snapshot = Record<string, unknown> | null | undefined;
const asObject = (v: unknown): Snapshot =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffSnapshots(beforeValue: unknown, afterValue: unknown): SnapshotDiff {
  const before = asObject(beforeValue) ?? {};
  const after = asObject(afterValue) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const fields = keys
    .filter((k) => k !== 'roles' && !same(before[k], after[k]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  const rolesOf = (s: Record<string, unknown>) => (Array.isArray(s.roles) ? s.roles : []);
  const was = rolesOf(before);
  const will = rolesOf(after);
  const added = will.filter((g) => !was.some((w) => same(w, g)));
  const removed = was.filter((g) => !will.some((w) => same(w, g)));
  const sameGrant = (a: unknown, b: unknown) => {
    const [x, y] = [asObject(a) ?? {}, asObject(b) ?? {}];
    return x.role === y.role && x.scopeCode === y.scopeCode && x.validFrom === y.validFrom;
  };
  const rolesChanged = removed.flatMap((b) => {
    const a = added.find((g) => sameGrant(b, g));
    return a ? [{ before: b, after: a }] : [];
  });
  const paired = new Set(rolesChanged.flatMap((c) => [c.before, c.after]));
  return {
    fields,
    rolesAdded: added.filter((g) => !paired.has(g)),
    rolesRemoved: removed.filter((g) => !paired.has(g)),
    rolesChanged,
  };
}
