// The owed page: every gig with money owed as of a date, grouped by who is
// billed, aged into buckets; and the musician's exchange rates. "Owed" comes
// from gigBalancesCte (src/money/balances.ts) and nowhere else; every total
// is a SQL aggregate grouped by currency, so amounts in different currencies
// never meet.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { gigBalancesCte, isOwedAsOf } from './balances.ts';

/** SQLite aggregates may come back as BigInt; our amounts fit in a double exactly. */
const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

/** An amount in one currency; lists of these are never added across currencies. */
export type Money = { currency: string; amountMinor: number };

// ---------------------------------------------------------------------------
// Aging

export type AgingBucket = 'current' | 'late_1_30' | 'late_31_60' | 'late_61_90' | 'late_90_plus';

/** The aging buckets, in order: how many days past its due date a gig's balance is. */
export const agingBuckets: { key: AgingBucket; label: string; short: string }[] = [
  { key: 'current', label: 'Not yet due', short: 'Not due' },
  { key: 'late_1_30', label: '1–30 days late', short: '1–30 days' },
  { key: 'late_31_60', label: '31–60 days late', short: '31–60 days' },
  { key: 'late_61_90', label: '61–90 days late', short: '61–90 days' },
  { key: 'late_90_plus', label: 'Over 90 days late', short: '90+ days' },
];

/**
 * SQL: whole days a `balances` row (alias `b`) is past its due date on
 * `asOf`; 0 when not yet due or without a due date. Dates are calendar
 * strings, so julianday() differences are whole days.
 */
export function daysLateSql(asOf: string) {
  return Prisma.sql`(CASE WHEN b.dueDate IS NOT NULL AND b.dueDate < ${asOf}
    THEN CAST(ROUND(julianday(${asOf}) - julianday(b.dueDate)) AS INTEGER) ELSE 0 END)`;
}

/**
 * SQL: the aging bucket of a `balances` row (alias `b`) on `asOf`. A gig
 * without a due date is "not yet due", as in paidStateCondition('overdue').
 * Every row lands in exactly one bucket, so the buckets partition the total.
 */
export function agingBucketSql(asOf: string) {
  const late = daysLateSql(asOf);
  return Prisma.sql`(CASE WHEN b.dueDate IS NULL OR b.dueDate >= ${asOf} THEN 'current'
    WHEN ${late} <= 30 THEN 'late_1_30'
    WHEN ${late} <= 60 THEN 'late_31_60'
    WHEN ${late} <= 90 THEN 'late_61_90'
    ELSE 'late_90_plus' END)`;
}

// ---------------------------------------------------------------------------
// The owed report

export type OwedGig = {
  gigId: number;
  date: string;
  dueDate: string | null;
  title: string;
  artist: string;
  kind: string;
  status: string;
  currency: string;
  agreedMinor: number;
  paidMinor: number;
  owedMinor: number;
  daysLate: number;
  /** Days from the as-of date to the due date (negative once late); null without a due date. */
  dueInDays: number | null;
  bucket: AgingBucket;
};

export type OwedClientGroup = {
  /** The client billed (payer, else booker); null when the gig names no one. */
  clientId: number | null;
  name: string | null;
  /** All that the client owes, not only the gigs on this page. */
  totals: Money[];
  /** How many gigs the client owes for in all. */
  gigTotal: number;
  /** This page's gigs of the client (fewer than gigTotal when the list continues on another page). */
  gigs: OwedGig[];
};

export type AgingRow = { currency: string; buckets: Record<AgingBucket, { amountMinor: number; gigs: number }>; totalMinor: number; gigs: number };

export type OwedReport = {
  asOf: string;
  /** This page's gigs, by client. */
  groups: OwedClientGroup[];
  /** Per currency: the five buckets and the total (from its own SUM, not from adding the buckets). */
  aging: AgingRow[];
  totals: Money[];
  /** Gigs owed for in all (every page). */
  gigCount: number;
  page: number;
  pages: number;
  /** Position of this page's first gig in the whole list (1-based). */
  firstGig: number;
};

/** Gigs listed per page of the owed report; the totals always cover them all. */
export const OWED_GIGS_PER_PAGE = 100;

/**
 * Everything owed as of `asOf`: payments received after that date are
 * ignored, and only gigs dated on or before it count (isOwedAsOf). Two
 * queries whatever the number of gigs: one page of gig rows (by client, then
 * date), and the aggregates over all of them (per currency × bucket, per
 * currency, per client × currency).
 */
export async function owedReport(db: UserDb, asOf: string, { page = 1, perPage = OWED_GIGS_PER_PAGE } = {}): Promise<OwedReport> {
  const userId = db.$userId;
  const cte = gigBalancesCte(userId, asOf);
  const [rows, sums] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      WITH ${cte}
      SELECT b.gigId, b.date, b.dueDate, b.billToId, b.currency, b.agreedMinor, b.paidMinor, b.owedMinor,
             g.title, g.artist, g.kind, g.status, c.name AS clientName,
             ${daysLateSql(asOf)} AS daysLate, ${agingBucketSql(asOf)} AS bucket,
             CAST(ROUND(julianday(b.dueDate) - julianday(${asOf})) AS INTEGER) AS dueInDays
      FROM balances b
      JOIN Gig g ON g.id = b.gigId AND g.userId = ${userId}
      LEFT JOIN Client c ON c.id = b.billToId AND c.userId = ${userId}
      WHERE ${isOwedAsOf(asOf)}
      ORDER BY (c.name IS NULL), c.name COLLATE NOCASE, b.billToId, b.date, b.gigId
      LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    db.$queryRaw<{ measure: string; clientId: unknown; currency: string; bucket: string | null; amount: unknown; gigs: unknown }[]>`
      -- MATERIALIZED: the three aggregates below share one read of the gigs
      -- (inlined, SQLite re-read every gig for each of them).
      WITH ${cte}, owed AS MATERIALIZED (
        SELECT b.billToId, b.currency, b.owedMinor, ${agingBucketSql(asOf)} AS bucket
        FROM balances b WHERE ${isOwedAsOf(asOf)}
      )
      SELECT 'bucket' AS measure, NULL AS clientId, currency, bucket, SUM(owedMinor) AS amount, COUNT(*) AS gigs
      FROM owed GROUP BY currency, bucket
      UNION ALL
      SELECT 'total', NULL, currency, NULL, SUM(owedMinor), COUNT(*) FROM owed GROUP BY currency
      UNION ALL
      SELECT 'client', billToId, currency, NULL, SUM(owedMinor), COUNT(*) FROM owed GROUP BY billToId, currency`,
  ]);

  const aging = new Map<string, AgingRow>();
  const agingFor = (currency: string) => {
    let row = aging.get(currency);
    if (!row) {
      const buckets = Object.fromEntries(agingBuckets.map((b) => [b.key, { amountMinor: 0, gigs: 0 }])) as AgingRow['buckets'];
      row = { currency, buckets, totalMinor: 0, gigs: 0 };
      aging.set(currency, row);
    }
    return row;
  };
  const clientTotals = new Map<string, Money[]>();
  const clientGigs = new Map<string, number>();
  for (const s of sums) {
    const amountMinor = num(s.amount);
    if (s.measure === 'bucket') agingFor(s.currency).buckets[s.bucket as AgingBucket] = { amountMinor, gigs: num(s.gigs) };
    else if (s.measure === 'total') Object.assign(agingFor(s.currency), { totalMinor: amountMinor, gigs: num(s.gigs) });
    else {
      const key = s.clientId == null ? '' : String(num(s.clientId));
      clientTotals.set(key, [...(clientTotals.get(key) ?? []), { currency: s.currency, amountMinor }]);
      clientGigs.set(key, (clientGigs.get(key) ?? 0) + num(s.gigs));
    }
  }

  // The rows come sorted by client, so grouping is one pass.
  const groups: OwedClientGroup[] = [];
  for (const r of rows) {
    const clientId = r.billToId == null ? null : num(r.billToId);
    let group = groups.at(-1);
    if (!group || group.clientId !== clientId) {
      const key = clientId === null ? '' : String(clientId);
      const totals = (clientTotals.get(key) ?? []).sort(byCurrency);
      group = { clientId, name: (r.clientName as string | null) ?? null, totals, gigTotal: clientGigs.get(key) ?? 0, gigs: [] };
      groups.push(group);
    }
    group.gigs.push({
      gigId: num(r.gigId),
      date: r.date as string,
      dueDate: (r.dueDate as string | null) ?? null,
      title: r.title as string,
      artist: r.artist as string,
      kind: r.kind as string,
      status: r.status as string,
      currency: r.currency as string,
      agreedMinor: num(r.agreedMinor),
      paidMinor: num(r.paidMinor),
      owedMinor: num(r.owedMinor),
      daysLate: num(r.daysLate),
      dueInDays: r.dueInDays == null ? null : num(r.dueInDays),
      bucket: r.bucket as AgingBucket,
    });
  }

  const agingRows = [...aging.values()].sort(byCurrency);
  const gigCount = agingRows.reduce((n, a) => n + a.gigs, 0);
  return {
    asOf,
    groups,
    aging: agingRows,
    totals: agingRows.map((a) => ({ currency: a.currency, amountMinor: a.totalMinor })),
    gigCount,
    page,
    pages: Math.max(1, Math.ceil(gigCount / perPage)),
    firstGig: (page - 1) * perPage + 1,
  };
}

const byCurrency = (a: { currency: string }, b: { currency: string }) => a.currency.localeCompare(b.currency);

// ---------------------------------------------------------------------------
// Exchange rates

export type RateInUse = { id: number; fromCurrency: string; rate: string; asOf: string };

/**
 * For each currency with a rate into `home`: the latest rate dated on or
 * before `asOf` (the later-entered one when two share a date). One query.
 */
export async function ratesAsOf(db: UserDb, home: string, asOf: string): Promise<Map<string, RateInUse>> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<(RateInUse & { id: unknown })[]>`
    SELECT r.id, r.fromCurrency, r.rate, r.asOf FROM ExchangeRate r
    WHERE r.userId = ${userId} AND r.toCurrency = ${home} AND r.fromCurrency <> ${home} AND r.asOf <= ${asOf}
      AND r.id = (
        SELECT r2.id FROM ExchangeRate r2
        WHERE r2.userId = ${userId} AND r2.toCurrency = r.toCurrency AND r2.fromCurrency = r.fromCurrency AND r2.asOf <= ${asOf}
        ORDER BY r2.asOf DESC, r2.id DESC LIMIT 1
      )
    ORDER BY r.fromCurrency`;
  return new Map(rows.map((r) => [r.fromCurrency, { id: num(r.id), fromCurrency: r.fromCurrency, rate: r.rate, asOf: r.asOf }]));
}

/** Every rate the musician entered, by currency, newest first. */
export function listRates(db: UserDb) {
  return db.exchangeRate.findMany({
    orderBy: [{ fromCurrency: 'asc' }, { toCurrency: 'asc' }, { asOf: 'desc' }, { id: 'desc' }],
    select: { id: true, fromCurrency: true, toCurrency: true, rate: true, asOf: true },
  });
}

/** Currencies the musician has fees, payments or royalties in, other than `home`. One query. */
export async function foreignCurrenciesInUse(db: UserDb, home: string): Promise<string[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ currency: string }[]>`
    SELECT currency FROM LineItem WHERE userId = ${userId} AND currency <> ${home}
    UNION SELECT currency FROM Payment WHERE userId = ${userId} AND currency <> ${home}
    UNION SELECT currency FROM RoyaltyStatement WHERE userId = ${userId} AND currency <> ${home}
    ORDER BY currency`;
  return rows.map((r) => r.currency);
}

/**
 * Records a rate. A second rate for the same currencies and date replaces
 * the first (in one transaction), so a date never has two rates.
 */
export async function saveRate(db: UserDb, input: { fromCurrency: string; toCurrency: string; rate: string; asOf: string }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.exchangeRate.deleteMany({
      where: { userId: db.$userId, fromCurrency: input.fromCurrency, toCurrency: input.toCurrency, asOf: input.asOf },
    });
    await tx.exchangeRate.create({ data: { userId: db.$userId, ...input } });
    return { replaced: count > 0 };
  });
}

/** Deletes one of the musician's rates; another musician's id throws P2025 (a 404). */
export function deleteRate(db: UserDb, id: number) {
  return db.exchangeRate.delete({ where: { id }, select: { fromCurrency: true, toCurrency: true, asOf: true } });
}
