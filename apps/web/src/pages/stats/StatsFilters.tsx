import { useTranslation } from 'react-i18next';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
import type { StatsFilter } from '../../api/stats';
import type { Division } from '../../api/types';

export function StatsFilters({
  filter,
  divisions,
  onChange,
}: {
  filter: StatsFilter;
  divisions: Division[];
  onChange: (filter: StatsFilter) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<StatsFilter>) => onChange({ ...filter, ...patch });
  const units = divisions.find((d) => d.id === filter.divisionId)?.units ?? divisions.flatMap((d) => d.units);
  return (
    <form className="filters" aria-label={t('stats.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="f-from">{t('stats.from')}</label>
        <input
          id="f-from"
          type="date"
          value={filter.from ?? ''}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t('stats.to')}</label>
        <input
          id="f-to"
          type="date"
          value={filter.to ?? ''}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-kind">{t('stats.kind')}</label>
        <select
          id="f-kind"
          value={filter.kind ?? ''}
          onChange={(e) => set({ kind: e.target.value || undefined })}
        >
          <option value="">{t('stats.all')}</option>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kindPlural.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-division">{t('stats.division')}</label>
        <select
          id="f-division"
          value={filter.divisionId ?? ''}
          onChange={(e) => set({ divisionId: e.target.value || undefined, unitId: undefined })}
        >
          <option value="">{t('stats.allDivisions')}</option>
          {divisions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-unit">{t('stats.unit')}</label>
        <select
          id="f-unit"
          value={filter.unitId ?? ''}
          onChange={(e) => set({ unitId: e.target.value || undefined })}
        >
          <option value="">{t('stats.allUnits')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-category">{t('stats.category')}</label>
        <select
          id="f-category"
          value={filter.category ?? ''}
          onChange={(e) => set({ category: e.target.value || undefined })}
        >
          <option value="">{t('stats.allCategories')}</option>
          {OCCUPATIONAL_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
