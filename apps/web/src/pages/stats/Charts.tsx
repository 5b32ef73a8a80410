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

function ChartCard({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <section className="chart">
      <h2>{title}</h2>
      <div role="img" aria-label={summary} style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

export function VolumeChart({ points }: { points: TimePoint[] }) {
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
    <ChartCard title={t('stats.chartVolumes')} summary={t('stats.chartVolumesSummary', { count: total })}>
      <ComposedChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis yAxisId="n" allowDecimals={false} />
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

export function LeadTimeChart({ points }: { points: TimePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    p50: p.leadTimeBusinessDays.p50,
    p90: p.leadTimeBusinessDays.p90,
  }));
  return (
    <ChartCard title={t('stats.chartLeadTime')} summary={t('stats.chartLeadTimeSummary')}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        {/* The unit names the axis, not each tick: a tick "1 arbetsdagar" would be wrong in both languages. */}
        <YAxis label={{ value: t('stats.daysAxis'), angle: -90, position: 'insideLeft' }} />
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

export function DeadlineChart({ stages }: { stages: StageGroup[] }) {
  const { t } = useTranslation();
  const data = stages.map((s) => ({
    stage: t(`stage.${s.key}`),
    share: s.withinDeadlineShare === null ? null : Math.round(s.withinDeadlineShare * 100),
    decided: s.decided,
  }));
  return (
    <ChartCard title={t('stats.chartDeadline')} summary={t('stats.chartDeadlineSummary')}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="stage" interval={0} tick={{ fontSize: 12 }} />
        <YAxis domain={[0, 100]} unit=" %" />
        <Tooltip />
        <Legend content={<ChartLegend />} />
        <Bar dataKey="share" name={t('stats.seriesWithinDeadline')} fill={C.blue} />
      </BarChart>
    </ChartCard>
  );
}

export function CostChart({ points }: { points: TimePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    approved: p.cost.approved,
    avoided: p.cost.rejected,
  }));
  return (
    <ChartCard title={t('stats.chartCost')} summary={t('stats.chartCostSummary')}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={(v: number) => f.number(v / 1000)} unit=" tkr" width={80} />
        <Tooltip formatter={(v) => f.kronor(Number(v))} />
        <Legend content={<ChartLegend />} />
        <Bar dataKey="approved" name={t('stats.seriesCostApproved')} fill={C.green} />
        <Bar dataKey="avoided" name={t('stats.seriesCostAvoided')} fill={C.orange} />
      </BarChart>
    </ChartCard>
  );
}

export function AgencyCostChart({ points }: { points: TimePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = points.map((p) => ({
    month: f.month(p.period),
    thisYear: p.agencyCost,
    lastYear: p.agencyCostPreviousYear,
  }));
  return (
    <ChartCard title={t('stats.chartAgency')} summary={t('stats.chartAgencySummary')}>
      <ComposedChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={(v: number) => f.number(v / 1000)} unit=" tkr" width={80} />
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
