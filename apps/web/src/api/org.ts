import { useQuery } from '@tanstack/react-query';
import { getJson } from './client';
import type { Division, Grant } from './types';

/**
 * The organisation: `open` for forms (a closed unit takes no new requests), `all` to name the unit of an older
 * request or filter statistics.
 */
export function useOrg(status: 'open' | 'all' = 'all') {
  return useQuery({
    queryKey: ['org', status],
    queryFn: () => getJson<Division[]>(`/org/units?status=${status}`),
    staleTime: 10 * 60_000,
  });
}

export interface UnitInfo {
  id: string;
  name: string;
  divisionId: string;
  divisionName: string;
}

export function unitIndex(divisions: Division[] | undefined): Map<string, UnitInfo> {
  const map = new Map<string, UnitInfo>();
  for (const d of divisions ?? []) {
    for (const u of d.units)
      map.set(u.id, { id: u.id, name: u.name, divisionId: d.id, divisionName: d.name });
  }
  return map;
}

/** The units a requester may submit for: a unit grant names the unit, a division grant all its units. */
export function submittableUnits(divisions: Division[] | undefined, grants: Grant[]): UnitInfo[] {
  const requester = grants.filter((g) => g.role === 'requester');
  return [...unitIndex(divisions).values()].filter((u) =>
    requester.some((g) => g.scopeUnitId === null || g.scopeUnitId === u.id || g.scopeUnitId === u.divisionId),
  );
}
