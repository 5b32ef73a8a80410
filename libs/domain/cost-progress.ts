import { agencyShare } from './cost-actuals';
import { NATIONAL_AGENCY_AIM } from './cost';

/**
 * The actuals statistics, pure: per month against the same month a year earlier, totals, and a target's progress.
 * Months are YYYY-MM. A ledger maps a month to the agency and own staff cost booked for it (absent: no actuals).
 */
export interface MonthCost {
  agencySek: number;
  ownStaffSek: number;
}
export type Ledger = Map<string, MonthCost>;

/** The longest range the actuals statistics answer, as the other statistics. */
export const MAX_ACTUALS_YEARS = 10;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function sumLedgers(ledgers: Ledger[]): Ledger {
  const out: Ledger = new Map();
  for (const l of ledgers)
    for (const [m, c] of l) {
      const s = out.get(m) ?? { agencySek: 0, ownStaffSek: 0 };
      out.set(m, { agencySek: s.agencySek + c.agencySek, ownStaffSek: s.ownStaffSek + c.ownStaffSek });
    }
  return out;
}

export interface MonthRow {
  month: string;
  agencySek: number | null;
  ownStaffSek: number | null;
  agencyShare: number | null;
  yearEarlier: { agencySek: number | null; ownStaffSek: number | null; agencyShare: number | null };
  /** This month's agency cost minus a year earlier's; null unless both have actuals. */
  agencyChangeSek: number | null;
  /** The same for the own staff cost. */
  ownStaffChangeSek: number | null;
}

function row(month: string, ledger: Ledger): MonthRow {
  const now = ledger.get(month);
  const then = ledger.get(addMonths(month, -12));
  return {
    month,
    agencySek: now?.agencySek ?? null,
    ownStaffSek: now?.ownStaffSek ?? null,
    agencyShare: now ? agencyShare(now.agencySek, now.ownStaffSek) : null,
    yearEarlier: {
      agencySek: then?.agencySek ?? null,
      ownStaffSek: then?.ownStaffSek ?? null,
      agencyShare: then ? agencyShare(then.agencySek, then.ownStaffSek) : null,
    },
    agencyChangeSek: now && then ? now.agencySek - then.agencySek : null,
    ownStaffChangeSek: now && then ? now.ownStaffSek - then.ownStaffSek : null,
  };
}

/** Each month of the range, and the sums over the months that have actuals (with the same months a year earlier). */
export function actualsSeries(ledger: Ledger, from: string, to: string) {
  const months = monthsBetween(from, to).map((m) => row(m, ledger));
  const booked = months.filter((m) => m.agencySek !== null);
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
  const agencySek = sum(booked.map((m) => m.agencySek));
  const ownStaffSek = sum(booked.map((m) => m.ownStaffSek));
  const compared = booked.filter((m) => m.yearEarlier.agencySek !== null);
  return {
    months,
    totals: {
      monthsWithActuals: booked.map((m) => m.month),
      agencySek,
      ownStaffSek,
      agencyShare: booked.length ? agencyShare(agencySek, ownStaffSek) : null,
      /** The months of the range that have actuals this year and a year earlier, which the change compares. */
      comparedMonths: compared.map((m) => m.month),
      agencyChangeSek: compared.length ? sum(compared.map((m) => m.agencyChangeSek)) : null,
    },
  };
}

export interface TargetValues {
  agencyReductionSek: number | null;
  agencyShareCeiling: number | null;
}

/**
 * A target's progress in its year: the reduction achieved is the agency cost of the same months a year earlier
 * minus this year's, over the months of the year that have actuals (which ones is said, so a half year is not read
 * as a whole one); the share year-to-date over those months against the ceiling and against the national aim.
 */
export function targetProgress(year: number, target: TargetValues, ledger: Ledger) {
  const months = monthsBetween(`${year}-01`, `${year}-12`).filter((m) => ledger.has(m));
  const compared = months.filter((m) => ledger.has(addMonths(m, -12)));
  const agencyThisYear = months.reduce((a, m) => a + ledger.get(m)!.agencySek, 0);
  const ownThisYear = months.reduce((a, m) => a + ledger.get(m)!.ownStaffSek, 0);
  const comparedNow = compared.reduce((a, m) => a + ledger.get(m)!.agencySek, 0);
  const comparedThen = compared.reduce((a, m) => a + ledger.get(addMonths(m, -12))!.agencySek, 0);
  const achieved = compared.length ? comparedThen - comparedNow : null;
  const share = months.length ? agencyShare(agencyThisYear, ownThisYear) : null;
  return {
    monthsWithActuals: months,
    comparedMonths: compared,
    agencyYearEarlierSek: compared.length ? comparedThen : null,
    agencyThisYearSek: compared.length ? comparedNow : null,
    achievedReductionSek: achieved,
    /** Achieved as a fraction of the targeted reduction; null without either. */
    reductionProgress:
      achieved !== null && target.agencyReductionSek ? achieved / target.agencyReductionSek : null,
    shareYearToDate: share,
    withinCeiling:
      share === null || target.agencyShareCeiling === null ? null : share <= target.agencyShareCeiling,
    withinNationalAim: share === null ? null : share <= NATIONAL_AGENCY_AIM,
  };
}
