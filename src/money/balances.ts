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
// - "Owed now" (as of a date) is the positive balances of gigs that have
//   happened by that date (`isOwedAsOf`): a gig booked for next month is
//   income to come, not a debt yet, even when a deposit was paid on it.
import { Prisma } from '../generated/prisma/client.ts';

/**
 * A CTE named `balances` with one row per counted gig of `userId`:
 * gigId, date, dueDate, status, billToId (payer, else booker), currency,
 * agreedMinor, paidMinor, owedMinor (= agreed − paid; negative when overpaid).
 * With `asOf`, only payments received on or before that date count as paid —
 * what the ledger looked like that day.
 * Use as: Prisma.sql`WITH ${gigBalancesCte(userId)} SELECT … FROM balances`.
 */
export function gigBalancesCte(userId: number, asOf?: string) {
  const paidBy = asOf
    ? Prisma.sql`SELECT a.gigId, SUM(a.amountMinor) AS paidMinor FROM PaymentAllocation a
        JOIN Payment p ON p.id = a.paymentId AND p.userId = ${userId}
        WHERE a.userId = ${userId} AND p.receivedOn <= ${asOf} GROUP BY a.gigId`
    : Prisma.sql`SELECT gigId, SUM(amountMinor) AS paidMinor FROM PaymentAllocation WHERE userId = ${userId} GROUP BY gigId`;
  return Prisma.sql`balances AS (
    SELECT g.id AS gigId, g.date AS date, g.dueDate AS dueDate, g.status AS status,
           COALESCE(g.payerId, g.clientId) AS billToId,
           li.currency AS currency,
           li.agreedMinor AS agreedMinor,
           COALESCE(pa.paidMinor, 0) AS paidMinor,
           li.agreedMinor - COALESCE(pa.paidMinor, 0) AS owedMinor
    FROM Gig g
    JOIN (
      SELECT l.gigId, MIN(l.currency) AS currency, SUM(l.amountMinor) AS agreedMinor
      FROM LineItem l JOIN Gig lg ON lg.id = l.gigId
      WHERE l.userId = ${userId} AND l.owedToMusician = 1
        AND (lg.status IN ('booked', 'done') OR (lg.status = 'cancelled' AND l.kind = 'cancellation_fee'))
      GROUP BY l.gigId
    ) li ON li.gigId = g.id
    LEFT JOIN (${paidBy}) pa ON pa.gigId = g.id
    WHERE g.userId = ${userId}
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
