// The dashboard's figures. Every amount is a SQL aggregate grouped by
// currency; the number of queries is fixed whatever the number of gigs,
// payments or statements. Income = payments received (flat fees) plus royalty
// statements received, by their receivedOn date (a calendar date in the
// musician's zone, so month and year boundaries are plain string ranges).
import type { UserDb } from '../db/scoped.ts';
import { addDays, addMonths } from '../lib/dates.ts';
import { gigBalancesCte, isOwedAsOf } from '../money/balances.ts';

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

/**
 * Gigs from today to `until`, soonest first, with the client's name. One raw
 * query (Prisma's relation load was two statements plus row mapping).
 */
export async function upcomingGigs(db: UserDb, today: string, until: string) {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT g.id, g.date, g.startTime, g.title, g.artist, g.kind, g.status, c.name AS clientName
    FROM Gig g LEFT JOIN Client c ON c.id = g.clientId AND c.userId = ${userId}
    WHERE g.userId = ${userId} AND g.date >= ${today} AND g.date <= ${until} AND g.status <> 'cancelled'
    ORDER BY g.date, g.startTime, g.id
    LIMIT 20`;
  return rows.map((r) => ({
    id: num(r.id),
    date: r.date as string,
    startTime: (r.startTime as string | null) ?? null,
    title: r.title as string,
    artist: r.artist as string,
    kind: r.kind as string,
    status: r.status as string,
    client: r.clientName == null ? null : { name: r.clientName as string },
  }));
}

/**
 * What is owed now per currency, and how much of it is overdue — the owed
 * page's figures as of today (a payment dated after today does not count yet).
 */
export async function owedNow(db: UserDb, today: string) {
  const rows = await db.$queryRaw<{ currency: string; owedMinor: number | bigint; overdueMinor: number | bigint; overdueCount: number | bigint; gigs: number | bigint }[]>`
    WITH ${gigBalancesCte(db.$userId, today)}
    SELECT b.currency,
           SUM(b.owedMinor) AS owedMinor,
           SUM(CASE WHEN b.dueDate < ${today} THEN b.owedMinor ELSE 0 END) AS overdueMinor,
           SUM(CASE WHEN b.dueDate < ${today} THEN 1 ELSE 0 END) AS overdueCount,
           COUNT(*) AS gigs
    FROM balances b WHERE ${isOwedAsOf(today)} GROUP BY b.currency ORDER BY b.currency`;
  return rows.map((r) => ({
    currency: r.currency,
    owedMinor: Number(r.owedMinor),
    overdueMinor: Number(r.overdueMinor),
    overdueCount: Number(r.overdueCount),
    gigs: Number(r.gigs),
  }));
}

/** The same calendar date a year earlier; 29 Feb becomes 28 Feb. */
export function sameDateLastYear(iso: string): string {
  const [y, m, d] = iso.split('-');
  const candidate = `${Number(y) - 1}-${m}-${d}`;
  return m === '02' && d === '29' ? `${Number(y) - 1}-02-28` : candidate;
}

/** The date ranges the dashboard compares (all inclusive, calendar dates). */
export function dashboardPeriods(today: string) {
  const year = Number(today.slice(0, 4));
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastYearToday = sameDateLastYear(today);
  return {
    today,
    monthStart,
    yearStart: `${year}-01-01`,
    lastYearToday,
    lastYearMonthStart: `${year - 1}-${today.slice(5, 7)}-01`,
    lastYearStart: `${year - 1}-01-01`,
    /** First day of the 12-month chart window: this month and the eleven before it. */
    chartStart: addMonths(monthStart, -11),
  };
}

export type DashboardPeriods = ReturnType<typeof dashboardPeriods>;

export type IncomeComparison = {
  currency: string;
  monthMinor: number;
  monthLastYearMinor: number;
  yearMinor: number;
  yearLastYearMinor: number;
};

/**
 * Income this month (to today) and this year (to today), each beside the
 * same days a year earlier, per currency. One query.
 */
export async function incomeComparison(db: UserDb, p: DashboardPeriods): Promise<IncomeComparison[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH income AS (
      SELECT receivedOn, currency, amountMinor FROM Payment
      WHERE userId = ${userId} AND receivedOn >= ${p.lastYearStart} AND receivedOn <= ${p.today}
      UNION ALL
      SELECT receivedOn, currency, amountMinor FROM RoyaltyStatement
      WHERE userId = ${userId} AND receivedOn >= ${p.lastYearStart} AND receivedOn <= ${p.today}
    )
    SELECT currency,
           SUM(CASE WHEN receivedOn >= ${p.monthStart} THEN amountMinor ELSE 0 END) AS monthMinor,
           SUM(CASE WHEN receivedOn >= ${p.lastYearMonthStart} AND receivedOn <= ${p.lastYearToday} THEN amountMinor ELSE 0 END) AS monthLastYearMinor,
           SUM(CASE WHEN receivedOn >= ${p.yearStart} THEN amountMinor ELSE 0 END) AS yearMinor,
           SUM(CASE WHEN receivedOn <= ${p.lastYearToday} THEN amountMinor ELSE 0 END) AS yearLastYearMinor
    FROM income GROUP BY currency ORDER BY currency`;
  return rows.map((r) => ({
    currency: r.currency as string,
    monthMinor: num(r.monthMinor),
    monthLastYearMinor: num(r.monthLastYearMinor),
    yearMinor: num(r.yearMinor),
    yearLastYearMinor: num(r.yearLastYearMinor),
  }));
}

export type MonthlyIncomeRow = { month: string; currency: string; feesMinor: number; royaltiesMinor: number; totalMinor: number };

/** Income per calendar month and currency from `from` to `to`, fees and royalties apart. One query. */
export async function monthlyIncome(db: UserDb, from: string, to: string): Promise<MonthlyIncomeRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH income AS (
      SELECT 'fees' AS kind, receivedOn, currency, amountMinor FROM Payment
      WHERE userId = ${userId} AND receivedOn >= ${from} AND receivedOn <= ${to}
      UNION ALL
      SELECT 'royalties', receivedOn, currency, amountMinor FROM RoyaltyStatement
      WHERE userId = ${userId} AND receivedOn >= ${from} AND receivedOn <= ${to}
    )
    SELECT substr(receivedOn, 1, 7) AS month, currency,
           SUM(CASE WHEN kind = 'fees' THEN amountMinor ELSE 0 END) AS feesMinor,
           SUM(CASE WHEN kind = 'royalties' THEN amountMinor ELSE 0 END) AS royaltiesMinor,
           SUM(amountMinor) AS totalMinor
    FROM income GROUP BY month, currency ORDER BY currency, month`;
  return rows.map((r) => ({
    month: r.month as string,
    currency: r.currency as string,
    feesMinor: num(r.feesMinor),
    royaltiesMinor: num(r.royaltiesMinor),
    totalMinor: num(r.totalMinor),
  }));
}

export type TopClient = { clientId: number; name: string; currency: string; totalMinor: number };

/**
 * The five clients who paid the most from `from` to `to`, per currency:
 * payments from the client plus royalty statements with the client as payer.
 * Money with no payer recorded is not a client's and is left out. One query.
 */
export async function topClients(db: UserDb, from: string, to: string, limit = 5): Promise<TopClient[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH income AS (
      SELECT clientId AS payerId, currency, amountMinor FROM Payment
      WHERE userId = ${userId} AND clientId IS NOT NULL AND receivedOn >= ${from} AND receivedOn <= ${to}
      UNION ALL
      SELECT payerId, currency, amountMinor FROM RoyaltyStatement
      WHERE userId = ${userId} AND payerId IS NOT NULL AND receivedOn >= ${from} AND receivedOn <= ${to}
    ),
    ranked AS (
      SELECT i.payerId, c.name, i.currency, SUM(i.amountMinor) AS totalMinor,
             ROW_NUMBER() OVER (PARTITION BY i.currency ORDER BY SUM(i.amountMinor) DESC, c.name COLLATE NOCASE, i.payerId) AS place
      FROM income i JOIN Client c ON c.id = i.payerId AND c.userId = ${userId}
      GROUP BY i.payerId, i.currency
    )
    SELECT payerId, name, currency, totalMinor FROM ranked WHERE place <= ${limit} ORDER BY currency, place`;
  return rows.map((r) => ({ clientId: num(r.payerId), name: r.name as string, currency: r.currency as string, totalMinor: num(r.totalMinor) }));
}

/** The last day shown in "next 7 days": a week from today. */
export const upcomingUntil = (today: string) => addDays(today, 7);
