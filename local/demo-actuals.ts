import { addMonths } from '@domain/cost-progress';

/**
 * Illustrative actuals for the demo organisation, so the statistics page has something to show: per division
 * and month, for the 24 months up to last month, own staff cost about a twelfth of the division's yearly figure
 * (lower in the summer months, when holiday pay shifts cost) and agency cost falling from about 8 % to about 3 %
 * of the total staff cost, each division a little apart. Deterministic: the same month always gives the same
 * figures. Not a region's data.
 */
export interface DemoActual {
  month: string;
  code: string;
  agencyCostSek: number;
  ownStaffCostSek: number;
}

/** A small fixed spread per division (its code's letters), so the divisions' curves are not identical. */
const spreadOf = (code: string) => ([...code].reduce((a, c) => a + c.charCodeAt(0), 0) % 7) / 7;

export function demoActuals(
  divisions: { code: string; staffCostMsek: number }[],
  lastMonth: string,
): DemoActual[] {
  const rows: DemoActual[] = [];
  for (let i = 0; i < 24; i++) {
    const month = addMonths(lastMonth, i - 23);
    const m = Number(month.slice(5, 7));
    const season = m === 7 ? 0.86 : m === 8 ? 0.93 : m === 12 ? 1.06 : 1;
    for (const d of divisions) {
      const spread = spreadOf(d.code);
      // From about 8 % two years ago to about 3 % last month, with a small wobble by month.
      const share = 0.075 + 0.01 * spread - (0.045 * i) / 23 + 0.004 * Math.sin(i * 1.7 + spread * 6);
      const own = Math.round(((d.staffCostMsek * 1_000_000) / 12) * season);
      const agency = Math.round((own * share) / (1 - share));
      rows.push({ month: `${month}-01`, code: d.code, agencyCostSek: agency, ownStaffCostSek: own });
    }
  }
  return rows;
}

/** The region's 2026 target from seed 002, and a share ceiling per division, for the demo. */
export const DEMO_REGION_TARGET = {
  year: 2026,
  agencyReductionSek: 175_000_000,
  note:
    'Åtgärdsplanen i Plan med budget 2026: ”minskning av inhyrd bemanning och att inte öka personalkostnader” ' +
    'omfattar tillsammans 175 miljoner kronor under 2026. Här följs hela beloppet som minskning av inhyrd personal.',
};
export const DEMO_DIVISION_CEILING = 0.04;
