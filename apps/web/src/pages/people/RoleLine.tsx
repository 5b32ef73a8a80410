import { useTranslation } from 'react-i18next';
import type { RoleAssignment } from '../../api/people';
import { useFormat } from '../../format/format';

/** "HR-partner, Somatik (SOM), 1 juni 2026 – 31 augusti 2026". */
export function RoleLine({ role }: { role: RoleAssignment }) {
  const { t } = useTranslation();
  const f = useFormat();
  const scope = role.scopeUnitId ? `${role.scopeUnitName} (${role.scopeUnitCode})` : t('people.region');
  const period =
    role.validFrom || role.validTo
      ? ` · ${role.validFrom ? f.date(role.validFrom) : ''} – ${role.validTo ? f.date(role.validTo) : t('people.untilFurther')}`
      : '';
  return (
    <>
      {t(`role.${role.role}`)}, {scope}
      <span className="meta">{period}</span>
    </>
  );
}
