import { RUNTIME_GRANTS, runtimeGrantStatements, runtimeRoleOf } from '@db/runtime-grants';

describe("the runtime role's grants", () => {
  it('takes the runtime role from the user of DATABASE_URL, percent-decoded, unless DATABASE_RUNTIME_ROLE names it', () => {
    expect(runtimeRoleOf('postgres://prov%2Dning:pw@db:5432/provning')).toBe('prov-ning');
    expect(runtimeRoleOf('postgres://alias:pw@db:5432/provning', 'provning')).toBe('provning');
  });

  it('refuses a DATABASE_URL without a user when no role is named', () => {
    expect(() => runtimeRoleOf('postgres://db:5432/provning')).toThrow(/DATABASE_RUNTIME_ROLE/);
  });

  it('gives the audit trail SELECT and INSERT only, after the blanket grant so it wins', () => {
    const statements = runtimeGrantStatements('provning');
    const blanket = statements.findIndex((s) =>
      s.startsWith('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES'),
    );
    const revokeAudit = statements.indexOf('REVOKE ALL ON "public"."audit_events" FROM "provning"');
    const grantAudit = statements.indexOf('GRANT SELECT, INSERT ON "public"."audit_events" TO "provning"');
    expect(blanket).toBeGreaterThanOrEqual(0);
    expect(revokeAudit).toBeGreaterThan(blanket);
    expect(grantAudit).toBeGreaterThan(revokeAudit);
    expect(RUNTIME_GRANTS.appendOnly.tables).toContain('audit_events');
  });

  it('quotes the role name, so a double quote in it cannot end the identifier', () => {
    expect(runtimeGrantStatements('a"b')[0]).toBe('REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "a""b"');
  });
});
