import { useTranslation } from 'react-i18next';
import type { Division } from '../../api/types';

/** Divisions with their units under them, as options of a scope select. */
export function ScopeOptions({ divisions }: { divisions: Division[] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {(divisions ?? []).map((d) => (
        <optgroup key={d.id} label={d.name}>
          <option value={d.id}>{t('people.wholeDivision', { name: d.name, code: d.code })}</option>
          {d.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.code})
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
