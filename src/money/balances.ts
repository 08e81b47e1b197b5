// What a gig is worth and what has been paid against it — the one definition
// of "owed" that every page (gigs list, clients, money, dashboard) uses.
//
// Rules, in one place:
// - Only lines owed to the musician count (not pension / health & welfare,
//   which the employer pays to the union funds).
// - Holds count nothing yet. Cancelled gigs count only their cancellation-fee
//   lines. Booked and done gigs count every line.
// - A gig's lines share one currency (the gig form enforces it), so a gig's
//   balance is a single amount in a single currency.
// - Paid = the sum of payment allocations to the gig.
// - A gig has a balance once it has money on it: something agreed that
//   counts, or something paid (a deposit on a hold shows as paid ahead).
// - "Owed now" (as of a date) is the positive balances of gigs that have
//   happened by that date (`isOwedAsOf`): a gig booked for next month is
//   income to come, not a debt yet, even when a deposit was paid on it.
import { Prisma } from '../generated/prisma/client.ts';

/**
 * A CTE named `balances` with one row per gig of `userId` that has money on
 * it: gigId, date, dueDate, status, billToId (payer, else booker), currency,
 * agreedMinor, paidMinor, owedMinor (= agreed − paid; negative when overpaid).
 * Use as: Prisma.sql`WITH ${gigBalancesCte(userId)} SELECT … FROM balances`.
 *
 * The agreed and paid totals are columns of Gig kept by triggers (see the
 * gig_balance_totals migration), so this is a plain indexed read that SQLite
 * folds into the outer query — no aggregate over every fee line per request.
 * With `asOf`, only payments received on or before that date count as paid
 * (what the ledger looked like that day).
 */
export function gigBalancesCte(userId: number, asOf?: string) {
  // As of a date, payments received after it are taken back out of the
  // running total. Payment is indexed by (userId, receivedOn), so this reads
  // only the later payments — usually none when asOf is today.
  const later = asOf
    ? Prisma.sql`LEFT JOIN (
        SELECT a.gigId, SUM(a.amountMinor) AS laterMinor FROM Payment p
        JOIN PaymentAllocation a ON a.paymentId = p.id AND a.userId = ${userId}
        WHERE p.userId = ${userId} AND p.receivedOn > ${asOf} GROUP BY a.gigId
      ) later ON later.gigId = g.id`
    : Prisma.empty;
  const paid = asOf ? Prisma.sql`(g.paidMinor - COALESCE(later.laterMinor, 0))` : Prisma.sql`g.paidMinor`;
  return Prisma.sql`balances AS (
    SELECT g.id AS gigId, g.date AS date, g.dueDate AS dueDate, g.status AS status,
           COALESCE(g.payerId, g.clientId) AS billToId,
           g.balanceCurrency AS currency,
           g.agreedMinor AS agreedMinor,
           ${paid} AS paidMinor,
           g.agreedMinor - ${paid} AS owedMinor
    FROM Gig g ${later}
    WHERE g.userId = ${userId} AND g.balanceCurrency IS NOT NULL AND (g.agreedMinor <> 0 OR g.paidMinor <> 0)
  )`;
}

/** SQL condition on a `balances` row aliased `b`: money owed as of `date`. */
export function isOwedAsOf(date: string) {
  return Prisma.sql`(b.owedMinor > 0 AND b.date <= ${date})`;
}

export type PaidState = 'paid' | 'partly_paid' | 'owed' | 'overdue';

export const paidStates: { value: PaidState; label: string }[] = [
  { value: 'paid', label: 'Paid' },
  { value: 'partly_paid', label: 'Partly paid' },
  { value: 'owed', label: 'Owed' },
  { value: 'overdue', label: 'Overdue' },
];

/** SQL condition on a `balances` row for a paid state, as of `today`. */
export function paidStateCondition(state: PaidState, today: string) {
  switch (state) {
    case 'paid':
      return Prisma.sql`(b.owedMinor <= 0 AND b.agreedMinor > 0)`;
    case 'partly_paid':
      return Prisma.sql`(b.paidMinor > 0 AND b.owedMinor > 0)`;
    case 'owed':
      return Prisma.sql`(b.owedMinor > 0)`;
    case 'overdue':
      return Prisma.sql`(b.owedMinor > 0 AND b.dueDate IS NOT NULL AND b.dueDate < ${today})`;
  }
}

/** The state of one balance, for badges. */
export function paidStateOf(b: { agreedMinor: number; paidMinor: number; owedMinor: number; dueDate: string | null }, today: string): PaidState | null {
  if (b.agreedMinor <= 0) return null;
  if (b.owedMinor <= 0) return 'paid';
  if (b.dueDate && b.dueDate < today) return 'overdue';
  return b.paidMinor > 0 ? 'partly_paid' : 'owed';
}
