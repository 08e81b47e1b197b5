import type { UserDb } from '../db/scoped.ts';
import { gigBalancesCte, isOwedAsOf } from '../money/balances.ts';

/** Gigs from today to `until`, soonest first, with the client's name. */
export function upcomingGigs(db: UserDb, today: string, until: string) {
  return db.gig.findMany({
    where: { date: { gte: today, lte: until }, status: { not: 'cancelled' } },
    orderBy: [{ date: 'asc' }, { startTime: 'asc' }],
    select: { id: true, date: true, startTime: true, title: true, artist: true, kind: true, status: true, client: { select: { name: true } } },
    take: 20,
  });
}

/** What is owed now per currency, and how much of it is overdue. */
export async function owedNow(db: UserDb, today: string) {
  const rows = await db.$queryRaw<{ currency: string; owedMinor: number | bigint; overdueMinor: number | bigint; overdueCount: number | bigint }[]>`
    WITH ${gigBalancesCte(db.$userId)}
    SELECT b.currency,
           SUM(b.owedMinor) AS owedMinor,
           SUM(CASE WHEN b.dueDate < ${today} THEN b.owedMinor ELSE 0 END) AS overdueMinor,
           SUM(CASE WHEN b.dueDate < ${today} THEN 1 ELSE 0 END) AS overdueCount
    FROM balances b WHERE ${isOwedAsOf(today)} GROUP BY b.currency ORDER BY b.currency`;
  return rows.map((r) => ({ currency: r.currency, owedMinor: Number(r.owedMinor), overdueMinor: Number(r.overdueMinor), overdueCount: Number(r.overdueCount) }));
}
