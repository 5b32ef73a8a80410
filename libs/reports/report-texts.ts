import type { BoardReport } from '@contracts/board-report';
import { MONTH_ABBREVIATIONS_SV, MONTH_NAMES_SV } from '@domain/report-period';

/** The words both renderings use: the title, the headline figures with what each counts, the file name. */
export const REPORT_TITLE = 'Särskild prövning av anställningar och inhyrd personal';

export const fileName = (report: BoardReport, ext: 'xlsx' | 'pdf') =>
  `styrelserapport-${report.period.key}${report.scope.divisionIds ? '-division' : ''}.${ext}`;

export const monthLabel = (month: string) =>
  `${MONTH_NAMES_SV[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
export const monthShort = (month: string) =>
  `${MONTH_ABBREVIATIONS_SV[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;

export type Figure = 'count' | 'share' | 'days';

/** The headline figures in order: label, value, unit, and the definition beside it. */
export function headlineRows(h: BoardReport['headline']): [string, number | null, Figure, string][] {
  return [
    [
      'Inskickade ärenden',
      h.submitted,
      'count',
      'Ärenden inskickade under perioden när prövning gällde, generellt undantagna medräknade',
    ],
    [
      'varav generellt undantagna',
      h.exempted,
      'count',
      'Av de inskickade: omfattade av ett generellt undantag, alltså inte prövade',
    ],
    [
      'Ej prövningspliktiga',
      h.notRequired,
      'count',
      'Inskickade när ingen prövningsperiod gällde; ingår inte i inskickade',
    ],
    ['Beviljade', h.approved, 'count', 'Slutliga beslut att bevilja, fattade under perioden'],
    [
      'Beviljade med villkor',
      h.approvedWithConditions,
      'count',
      'Slutliga beslut att bevilja med villkor (t.ex. lägre kostnad), fattade under perioden',
    ],
    ['Avslagna', h.rejected, 'count', 'Slutliga beslut att avslå, fattade under perioden'],
    ['Återtagna', h.withdrawn, 'count', 'Ärenden som återtogs under perioden'],
    [
      'Andel beviljade',
      h.approvalRate,
      'share',
      'Beviljade (med eller utan villkor) av beviljade och avslagna; bara beslut, aldrig tillstyrkanden',
    ],
    [
      'Handläggningstid, median',
      h.leadTimeBusinessDaysP50,
      'days',
      'Arbetsdagar från inskickat till slutligt beslut, median, för beslut under perioden',
    ],
    [
      'Handläggningstid, 90:e percentil',
      h.leadTimeBusinessDaysP90,
      'days',
      'Arbetsdagar från inskickat till slutligt beslut, 90:e percentil',
    ],
    [
      'Beslut inom tidsfrist',
      h.withinDeadlineShare,
      'share',
      'Andel av stegens beslut som fattades inom stegets tidsfrist',
    ],
    [
      'Eskaleringar',
      h.escalations,
      'count',
      'Steg som passerade sin tidsfrist och eskalerades under perioden',
    ],
    ['Pågående ärenden', h.open, 'count', 'Ärenden under prövning den dag rapporten skapades'],
  ];
}

export type CostRow = [string, number, string];

export function hireCostRows(c: BoardReport['costs']['hire']): CostRow[] {
  return [
    [
      'Begärd årskostnad',
      c.requested,
      'Månadskostnaden × 12 för alla inskickade anställningar, undantagna medräknade (efter inskickningsdag)',
    ],
    [
      'varav generellt undantagna',
      c.exempted,
      'Av den begärda: anställningar omfattade av ett generellt undantag',
    ],
    ['Beviljad årskostnad', c.approved, 'Till beviljad kostnad, efter beslutsdag'],
    ['Undviken: avslagna', c.avoided.rejected, 'Årskostnaden för avslagna anställningar'],
    [
      'Undviken: sänkt genom villkor',
      c.avoided.reduced,
      'Begärd minus beviljad årskostnad där beslutet sänkte kostnaden',
    ],
  ];
}

export function agencyCostRows(c: BoardReport['costs']['agencyCallOff']): CostRow[] {
  return [
    [
      'Begärd kostnad',
      c.requested,
      'Avropens totala kostnad för hela avropsperioden, undantagna medräknade (efter inskickningsdag)',
    ],
    ['varav generellt undantagna', c.exempted, 'Av den begärda: avrop omfattade av ett generellt undantag'],
    ['Beviljad kostnad', c.approved, 'Till beviljad kostnad, efter beslutsdag'],
    ['Undviken: avslagna', c.avoided.rejected, 'Kostnaden för avslagna avrop'],
    [
      'Undviken: sänkt genom villkor',
      c.avoided.reduced,
      'Begärd minus beviljad kostnad där beslutet sänkte kostnaden',
    ],
  ];
}

export const AVOIDED_TOTAL = ['Undviken totalt', 'Avslagna plus sänkt genom villkor, brutto'] as const;
export const ACCRUED = [
  'Upplupen kostnad under perioden',
  'Avropskostnad fördelad på de dagar personalen arbetar, för dagar inom perioden: beviljade, undantagna och ej prövningspliktiga avrop',
] as const;
export const ACCRUED_PREVIOUS = [
  'Upplupen kostnad samma period föregående år',
  'Samma mått för samma månader ett år tidigare',
] as const;
