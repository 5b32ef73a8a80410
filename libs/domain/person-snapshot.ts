import type { Role } from './enums';
import type { PersonSnapshot, RoleGrant } from './org-import/plan';

/**
 * A person as the admin audit log records them, whichever path changed them: the import's PersonSnapshot (id is
 * the employee id, roles by scope code, only grants that still count), plus what only the admin pages change
 * (username, the linked identity). The audit page shows the difference of two of these field by field.
 */
export interface AdminPersonSnapshot extends Omit<PersonSnapshot, 'id'> {
  /** HSA id or employee number; null for a user made by hand before employee ids (the demo's). */
  id: string | null;
  username: string;
  /** The identity provider's issuer and subject, or null until the next sign-in links one. */
  identity: { issuer: string; subject: string } | null;
}

export interface PersonFacts {
  username: string;
  displayName: string;
  email: string | null;
  employeeId: string | null;
  active: boolean;
  externalIssuer: string | null;
  externalSubject: string | null;
  roles: { role: Role; scopeUnitCode: string | null; validFrom: string | null; validTo: string | null }[];
}

const grantKey = (g: RoleGrant) => `${g.role}|${g.scopeCode ?? ''}|${g.validFrom ?? ''}|${g.validTo ?? ''}`;

/** The snapshot of a person on `today`: a grant that ended before today is history and left out, as the import does. */
export function personSnapshot(p: PersonFacts, today: string): AdminPersonSnapshot {
  return {
    id: p.employeeId,
    username: p.username,
    name: p.displayName,
    email: p.email,
    active: p.active,
    identity:
      p.externalIssuer !== null && p.externalSubject !== null
        ? { issuer: p.externalIssuer, subject: p.externalSubject }
        : null,
    roles: p.roles
      .filter((g) => g.validTo === null || g.validTo >= today)
      .map((g) => ({ role: g.role, scopeCode: g.scopeUnitCode, validFrom: g.validFrom, validTo: g.validTo }))
      .sort((a, b) => grantKey(a).localeCompare(grantKey(b))),
  };
}
