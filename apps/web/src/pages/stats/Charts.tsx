import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { StageGroup, TimePoint } from '../../api/stats';
import { useFormat } from '../../format/format';

/** Colour-blind-safe palette (Okabe–Ito), dark enough on white. */
const C = {
  blue: '#0072B2',
  green: '#009E73',
  orange: '#D55E00',
  purple: '#CC79A7',
  grey: '#555555',
  sky: '#56B4E9',
};

/**
 * The series' names beside their colours. Recharts' own legend labels each icon "… legend icon" in English for
 * screen readers; the names are read here once, and the swatches are decoration.
 */
function ChartLegend({ payload }: { payload?: readonly { value?: unknown; color?: string }[] }) {
  return (
    <ul className="chart-legend">
      {payload?.map((p) => (
        <li key={String(p.value)}>
          <span aria-hidden="true" className="chart-swatch" style={{ background: p.color }} />
          {String(p.value)}
        </li>
      ))}
    </ul>
  );
}

/** The range the charts show, for their captions: a chart's caption follows the period chosen in the filters. */
export interface ChartRange {
  from: string;
  to: string;
}

/**
 * A chart with its title, the period it shows as caption, and an empty state in words when the series hold
 * nothing to draw: a flat line at zero reads as "nothing happened" when it may mean "nothing recorded".
 */
function ChartCard({
  title,
  summary,
  range,
  empty,
  children,
}: {
  title: string;
  summary: string;
  range: ChartRange;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="chart">
      <h2>{title}</h2>
      <p className="chart-caption">
        {t('stats.chartRange', { from: f.date(range.from), to: f.date(range.to) })}
      </p>
      {empty ? (
        <p className="chart-empty">{t('stats.chartEmpty')}</p>
      ) : (
        <div role="img" aria-label={summary} style={{ width: '100%', height: 260 }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

/** Ticks thinned to what fits, so month labels never overlap or wrap however narrow the chart. */
const MONTH_AXIS = {
  dataKey: 'month',
  minTickGap: 12,
  interval: 'preserveStartEnd' as const,
  tick: { fontSize: 12 },
};

const nothing = (values: (number | null | undefined)[]) => values.every((v) => !v);

function axisLabel(value: string, side: 'left' | 'right' = 'left') {
  return {
    value,
    angle: -90,
    position: side === 'left' ? ('insideLeft' as const) : ('insideRight' as const),
    style: { textAnchor: 'middle' as const, fontSize: 12 },
  };
}

export function VolumeChart({ points, range }: { points: TimePoint[]; range: ChartRange }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    submitted: p.submitted,
    approved: p.decided.approved + p.decided.approvedWithConditions,
    rejected: p.decided.rejected,
    withdrawn: p.decided.withdrawn,
    rate: p.approvalRate === null ? null : Math.round(p.approvalRate * 100),
  }));
  const total = points.reduce((n, p) => n + p.submitted, 0);
  return (
    <ChartCard
      title={t('stats.chartVolumes')}
      summary={t('stats.chartVolumesSummary', { count: total })}
      range={range}
      empty={nothing(data.flatMap((d) => [d.submitted, d.approved, d.rejected, d.withdrawn]))}
    >
      <ComposedChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis {...MONTH_AXIS} />
        <YAxis yAxisId="n" allowDecimals={false} label={axisLabel(t('stats.countAxis'))} />
        <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit=" %" />
        <Tooltip />
        <Legend content={<ChartLegend />} />
        <Bar yAxisId="n" dataKey="approved" stackId="d" name={t('stats.seriesApproved')} fill={C.green} />
        <Bar yAxisId="n" dataKey="rejected" stackId="d" name={t('stats.seriesRejected')} fill={C.orange} />
        <Bar yAxisId="n" dataKey="withdrawn" stackId="d" name={t('stats.seriesWithdrawn')} fill={C.grey} />
        <Line
          yAxisId="n"
          dataKey="submitted"
          name={t('stats.seriesSubmitted')}
          stroke={C.blue}
          strokeWidth={2}
        />
        <Line
          yAxisId="rate"
          dataKey="rate"
          name={t('stats.seriesApprovalRate')}
          stroke={C.purple}
          strokeDasharray="5 3"
          connectNulls
        />
      </ComposedChart>
    </ChartCard>
  );
}

export function LeadTimeChart({ points, range }: { points: TimePoint[]; range: ChartRange }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    p50: p.leadTimeBusinessDays.p50,
    p90: p.leadTimeBusinessDays.p90,
  }));
  return (
    <ChartCard
      title={t('stats.chartLeadTime')}
      summary={t('stats.chartLeadTimeSummary')}
      range={range}
      empty={data.every((d) => d.p50 === null)}
    >
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis {...MONTH_AXIS} />
        {/* The unit names the axis, not each tick: a tick "1 arbetsdagar" would be wrong in both languages. */}
        <YAxis label={axisLabel(t('stats.daysAxis'))} />
        <Tooltip />
        <Legend content={<ChartLegend />} />
        <Line dataKey="p50" name={t('stats.seriesMedian')} stroke={C.blue} strokeWidth={2} connectNulls />
        <Line
          dataKey="p90"
          name={t('stats.seriesP90')}
          stroke={C.orange}
          strokeDasharray="5 3"
          connectNulls
        />
      </LineChart>
    </ChartCard>
  );
}

export function DeadlineChart({ stages, range }: { stages: StageGroup[]; range: ChartRange }) {
  const { t } = useTranslation();
  const data = stages.map((s) => ({
    stage: t(`stage.${s.key}`),
    share: s.withinDeadlineShare === null ? null : Math.round(s.withinDeadlineShare * 100),
    decided: s.decided,
  }));
  return (
    <ChartCard
      title={t('stats.chartDeadline')}
      summary={t('stats.chartDeadlineSummary')}
      range={range}
      empty={data.every((d) => d.decided === 0)}
    >
      {/* Stages on the vertical axis: their names are long, and side by side they would overlap or wrap. */}
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit=" %" />
        <YAxis type="category" dataKey="stage" width={170} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend content={<ChartLegend />} />
        <Bar dataKey="share" name={t('stats.seriesWithinDeadline')} fill={C.blue} />
      </BarChart>
    </ChartCard>
  );
}

/**
 * Approved and avoided cost per month for one kind, in its own unit: a hire's as annual cost, a call-off's as the
 * total of its period. Two charts, since the two units never share an axis.
 */
export function CostChart({
  points,
  range,
  kind,
}: {
  points: TimePoint[];
  range: ChartRange;
  kind: 'hire' | 'agencyCallOff';
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    approved: p.cost[kind].approved,
    avoided: p.cost[kind].avoided.total,
  }));
  const unit = kind === 'hire' ? t('stats.tkrPerYearAxis') : t('stats.tkrAxis');
  return (
    <ChartCard
      title={t(kind === 'hire' ? 'stats.chartCostHire' : 'stats.chartCostCallOff')}
      summary={t(kind === 'hire' ? 'stats.chartCostHireSummary' : 'stats.chartCostCallOffSummary')}
      range={range}
      empty={nothing(data.flatMap((d) => [d.approved, d.avoided]))}
    >
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis {...MONTH_AXIS} />
        <YAxis tickFormatter={(v: number) => f.number(v / 1000)} width={80} label={axisLabel(unit)} />
        <Tooltip formatter={(v) => f.kronor(Number(v))} />
        <Legend content={<ChartLegend />} />
        <Bar dataKey="approved" name={t('stats.seriesCostApproved')} fill={C.green} />
        <Bar dataKey="avoided" name={t('stats.seriesCostAvoided')} fill={C.orange} />
      </BarChart>
    </ChartCard>
  );
}

export function AgencyCostChart({ points, range }: { points: TimePoint[]; range: ChartRange }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    thisYear: p.cost.agencyCallOff.accrued,
    lastYear: p.agencyCostPreviousYear,
  }));
  return (
    <ChartCard
      title={t('stats.chartAgency')}
      summary={t('stats.chartAgencySummary')}
      range={range}
      empty={nothing(data.flatMap((d) => [d.thisYear, d.lastYear]))}
    >
      <ComposedChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis {...MONTH_AXIS} />
        <YAxis
          tickFormatter={(v: number) => f.number(v / 1000)}
          width={80}
          label={axisLabel(t('stats.tkrAxis'))}
        />
        <Tooltip formatter={(v) => f.kronor(Number(v))} />
        <Legend content={<ChartLegend />} />
        <Bar dataKey="thisYear" name={t('stats.seriesAgencyThisYear')} fill={C.blue} />
        <Line
          dataKey="lastYear"
          name={t('stats.seriesAgencyLastYear')}
          stroke={C.grey}
          strokeWidth={2}
          strokeDasharray="5 3"
        />
      </ComposedChart>
    </ChartCard>
  );
}
