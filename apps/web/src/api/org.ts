import { useQuery } from '@tanstack/react-query';
import { getJson } from './client';
import type { Division, Grant } from './types';

export function useOrg() {
  return useQuery({
    queryKey: ['org'],
    queryFn: () => getJson<Division[]>('/org/units'),
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
