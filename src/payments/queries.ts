// Payments received: recording one with its allocation to gigs, editing and
// deleting it, the list with its totals, the CSV rows, and the credit held
// with each client.
//
// The rules, in one place:
// - A payment comes from one client (the payer) in one currency. It settles
//   that client's gigs with an open balance in the same currency — "open"
//   meaning owedMinor > 0 in gigBalancesCte (src/money/balances.ts) with the
//   client as billToId. Future booked gigs are open too: a deposit paid
//   before the gig is allocated to it.
// - Each allocation is ≥ 0 and ≤ what is open on that gig (when editing, the
//   payment's own allocation counts as open again); their sum is ≤ the amount.
// - Whatever is not allocated stays on the Payment row as credit with the
//   client: never lost, shown on the payment, the client and the list.
// - Every write happens in one transaction, and the checks run again inside
//   it, so two tabs cannot allocate the same open balance twice.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { numbers } from '../db/sql.ts';
import { gigKinds } from '../domain/vocabulary.ts';
import { gigBalancesCte } from '../money/balances.ts';
import { formatMoney } from '../lib/money.ts';
import type { FieldErrors } from '../web/forms.ts';
import { allocationField, PAYMENTS_PER_PAGE, type PaymentFilter } from './schemas.ts';

/** A gig a payment can settle, with what is still open on it for this payment. */
export type OpenGig = {
  gigId: number;
  date: string;
  dueDate: string | null;
  status: string;
  kind: string;
  title: string;
  artist: string;
  currency: string;
  agreedMinor: number;
  /** Paid by other payments. */
  paidMinor: number;
  /** What this payment may allocate: the balance owed, plus its own allocation when editing. */
  openMinor: number;
  /** This payment's current allocation (editing); 0 for a new payment. */
  mineMinor: number;
};

export type Allocation = { gigId: number; amountMinor: number };

export type PaymentInput = {
  clientId: number;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  method: string;
  reference: string;
  notes: string;
  /** Explicit amounts per gig, or the oldest-first split of the amount. */
  allocations: Allocation[] | 'oldest-first';
};

export type SaveResult =
  | { ok: true; id: number; clientName: string; amountMinor: number; currency: string; allocatedMinor: number; creditMinor: number; gigCount: number }
  | { ok: false; errors: FieldErrors };

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

/**
 * The client's gigs with an open balance in `currency`, oldest first (date,
 * then id). With `paymentId` (editing), that payment's own allocations are
 * added back to the balances, and the gigs it already settles are listed
 * even when they are otherwise fully paid.
 */
export async function openGigsForClient(
  db: UserDb,
  clientId: number,
  currency: string,
  options: { paymentId?: number | null } = {},
): Promise<OpenGig[]> {
  const userId = db.$userId;
  const paymentId = options.paymentId ?? 0;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT b.gigId, b.date, b.dueDate, b.status, b.currency, b.agreedMinor, b.paidMinor, b.owedMinor,
           g.kind, g.title, g.artist, COALESCE(mine.amountMinor, 0) AS mineMinor
    FROM balances b
    JOIN Gig g ON g.id = b.gigId AND g.userId = ${userId}
    LEFT JOIN PaymentAllocation mine ON mine.gigId = b.gigId AND mine.paymentId = ${paymentId} AND mine.userId = ${userId}
    WHERE b.currency = ${currency}
      AND ((b.billToId = ${clientId} AND b.owedMinor + COALESCE(mine.amountMinor, 0) > 0) OR COALESCE(mine.amountMinor, 0) > 0)
    ORDER BY b.date, b.gigId`;
  return rows.map((r) => {
    const mine = num(r.mineMinor);
    return {
      gigId: num(r.gigId),
      date: String(r.date),
      dueDate: r.dueDate == null ? null : String(r.dueDate),
      status: String(r.status),
      kind: String(r.kind),
      title: String(r.title ?? ''),
      artist: String(r.artist ?? ''),
      currency: String(r.currency),
      agreedMinor: num(r.agreedMinor),
      paidMinor: num(r.paidMinor) - mine,
      openMinor: num(r.owedMinor) + mine,
      mineMinor: mine,
    };
  });
}

/**
 * Splits `amountMinor` over the open gigs, oldest first (date, then id):
 * each gig gets what is open on it until the money runs out. Returns one
 * allocation per gig in that order (zeros included) and what is left over,
 * which becomes credit with the client. `preferGigId` goes first whatever
 * its date (a payment recorded from that gig's page is for that gig).
 * Pure: no database, no rounding (integers only).
 */
export function suggestAllocation(
  openGigs: readonly { gigId: number; date: string; openMinor: number }[],
  amountMinor: number,
  preferGigId: number | null = null,
): { allocations: Allocation[]; remainderMinor: number } {
  const order = [...openGigs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.gigId - b.gigId));
  const preferred = order.findIndex((g) => g.gigId === preferGigId);
  if (preferred > 0) order.unshift(...order.splice(preferred, 1));
  let left = Math.max(0, amountMinor);
  const allocations = order.map((g) => {
    const take = Math.min(left, Math.max(0, g.openMinor));
    left -= take;
    return { gigId: g.gigId, amountMinor: take };
  });
  return { allocations, remainderMinor: left };
}

/**
 * The allocation rules, as messages for the form: beside a gig's row
 * (`alloc_<gigId>`), above the allocation table (`allocations`), or for the
 * whole form (`_form`, a gig that is not one of the listed ones — another
 * musician's id, or a list that changed meanwhile). Pure.
 */
export function checkAllocations(open: readonly OpenGig[], allocations: readonly Allocation[], amountMinor: number, currency: string): FieldErrors {
  const errors: FieldErrors = {};
  const byId = new Map(open.map((g) => [g.gigId, g]));
  const seen = new Set<number>();
  let total = 0;
  for (const a of allocations) {
    const key = allocationField(a.gigId);
    if (!Number.isSafeInteger(a.amountMinor) || a.amountMinor < 0) {
      errors[key] ??= 'Enter an amount of zero or more.';
      continue;
    }
    if (seen.has(a.gigId)) {
      errors[key] ??= 'This gig is listed twice.';
      continue;
    }
    seen.add(a.gigId);
    const gig = byId.get(a.gigId);
    if (!gig) {
      // A zero for a gig no longer listed changes nothing; money for it is refused.
      if (a.amountMinor > 0) {
        errors._form ??= `One of the gigs is not an open gig of this client in ${currency}. The list below is up to date: check it and save again.`;
      }
      continue;
    }
    if (a.amountMinor > gig.openMinor) errors[key] ??= `At most ${formatMoney(gig.openMinor, currency)} is open on this gig.`;
    total += a.amountMinor;
  }
  if (total > amountMinor) {
    errors.allocations ??= `The gigs add up to ${formatMoney(total, currency)}, more than the ${formatMoney(amountMinor, currency)} received. Lower an amount below, or correct the amount received.`;
  }
  return errors;
}

/** Client, open gigs and allocation, checked inside the caller's transaction. */
async function checkInput(tx: UserDb, input: PaymentInput, paymentId: number | null) {
  const client = await tx.client.findUnique({ where: { id: input.clientId }, select: { id: true, name: true } });
  if (!client) return { ok: false as const, errors: { clientId: 'Choose who paid from your list of clients.' } as FieldErrors };
  const open = await openGigsForClient(tx, client.id, input.currency, { paymentId });
  const allocations = input.allocations === 'oldest-first' ? suggestAllocation(open, input.amountMinor).allocations : input.allocations;
  const errors = checkAllocations(open, allocations, input.amountMinor, input.currency);
  if (Object.keys(errors).length) return { ok: false as const, errors };
  const kept = allocations.filter((a) => a.amountMinor > 0);
  return { ok: true as const, client, allocations: kept, allocatedMinor: kept.reduce((sum, a) => sum + a.amountMinor, 0) };
}

function paymentColumns(input: PaymentInput) {
  return {
    clientId: input.clientId,
    receivedOn: input.receivedOn,
    amountMinor: input.amountMinor,
    currency: input.currency,
    method: input.method,
    reference: input.reference,
    notes: input.notes,
  };
}

function saved(id: number, input: PaymentInput, checked: { client: { name: string }; allocations: Allocation[]; allocatedMinor: number }): SaveResult {
  return {
    ok: true,
    id,
    clientName: checked.client.name,
    amountMinor: input.amountMinor,
    currency: input.currency,
    allocatedMinor: checked.allocatedMinor,
    creditMinor: input.amountMinor - checked.allocatedMinor,
    gigCount: checked.allocations.length,
  };
}

/** Records a payment and its allocations in one transaction, after checking them there. */
export async function recordPayment(db: UserDb, input: PaymentInput): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const checked = await checkInput(scoped, input, null);
    if (!checked.ok) return checked;
    const payment = await tx.payment.create({ data: { userId: db.$userId, ...paymentColumns(input) }, select: { id: true } });
    if (checked.allocations.length) {
      await tx.paymentAllocation.createMany({
        data: checked.allocations.map((a) => ({ userId: db.$userId, paymentId: payment.id, gigId: a.gigId, amountMinor: a.amountMinor })),
      });
    }
    return saved(payment.id, input, checked);
  });
}

/** Replaces a payment's details and allocations in one transaction (same rules as recording it). */
export async function updatePayment(db: UserDb, id: number, input: PaymentInput): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const existing = await tx.payment.findUnique({ where: { id }, select: { id: true } });
    if (!existing) return { ok: false, errors: { _form: 'This payment no longer exists.' } };
    const checked = await checkInput(scoped, input, id);
    if (!checked.ok) return checked;
    await tx.payment.update({ where: { id }, data: paymentColumns(input) });
    await tx.paymentAllocation.deleteMany({ where: { paymentId: id } });
    if (checked.allocations.length) {
      await tx.paymentAllocation.createMany({
        data: checked.allocations.map((a) => ({ userId: db.$userId, paymentId: id, gigId: a.gigId, amountMinor: a.amountMinor })),
      });
    }
    return saved(id, input, checked);
  });
}

/** Deletes a payment; its allocations go with it (cascade), so the gigs it settled are owed again. */
export async function deletePayment(db: UserDb, id: number) {
  await db.payment.delete({ where: { id } });
}

/** One payment with its client and the gigs it settles (oldest first), or null. */
export function getPayment(db: UserDb, id: number) {
  return db.payment.findUnique({
    where: { id },
    include: {
      client: { select: { id: true, name: true, archived: true } },
      allocations: {
        include: { gig: { select: { id: true, date: true, title: true, artist: true, kind: true, status: true } } },
        orderBy: [{ gig: { date: 'asc' } }, { gigId: 'asc' }],
      },
    },
  });
}

export type PaymentDetail = NonNullable<Awaited<ReturnType<typeof getPayment>>>;

/** The balances (agreed, paid, owed) of some gigs, by gig id: for the payment page. */
export async function balancesOf(db: UserDb, gigIds: number[]) {
  const result = new Map<number, { agreedMinor: number; paidMinor: number; owedMinor: number; dueDate: string | null; currency: string }>();
  if (gigIds.length === 0) return result;
  const rows = await db.$queryRaw<{ gigId: unknown; agreedMinor: number; paidMinor: number; owedMinor: number; dueDate: string | null; currency: string }[]>`
    WITH ${gigBalancesCte(db.$userId)}
    SELECT gigId, agreedMinor, paidMinor, owedMinor, dueDate, currency FROM balances WHERE gigId IN (${Prisma.join(gigIds)})`;
  for (const r of rows.map(numbers)) result.set(num(r.gigId), { ...r, agreedMinor: num(r.agreedMinor), paidMinor: num(r.paidMinor), owedMinor: num(r.owedMinor) });
  return result;
}

// ---------------------------------------------------------------------------
// Defaults for the form

/** Clients to pick the payer from: the active ones, plus `includeId` even when archived (editing). */
export function paymentClientChoices(db: UserDb, includeId: number | null) {
  return db.client.findMany({
    where: { OR: [{ archived: false }, ...(includeId === null ? [] : [{ id: includeId }])] },
    select: { id: true, name: true, archived: true },
    orderBy: { name: 'asc' },
  });
}

/** The currency of the client's oldest gig with money owed (as billed-to), or null. */
export async function oldestOwedCurrency(db: UserDb, clientId: number): Promise<string | null> {
  const rows = await db.$queryRaw<{ currency: string }[]>`
    WITH ${gigBalancesCte(db.$userId)}
    SELECT b.currency FROM balances b WHERE b.billToId = ${clientId} AND b.owedMinor > 0 ORDER BY b.date, b.gigId LIMIT 1`;
  return rows[0]?.currency ?? null;
}

/** How this client paid last time, or null. */
export async function lastMethodFor(db: UserDb, clientId: number): Promise<string | null> {
  const last = await db.payment.findFirst({ where: { clientId }, select: { method: true }, orderBy: [{ receivedOn: 'desc' }, { id: 'desc' }] });
  return last?.method ?? null;
}

// ---------------------------------------------------------------------------
// The list, its totals and the CSV export: one WHERE for all three.

/** The list's conditions on `Payment p`. */
export function paymentListWhere(userId: number, f: PaymentFilter) {
  const conditions = [Prisma.sql`p.userId = ${userId}`];
  if (f.clientId) conditions.push(Prisma.sql`p.clientId = ${f.clientId}`);
  if (f.year) conditions.push(Prisma.sql`p.receivedOn >= ${`${f.year}-01-01`} AND p.receivedOn <= ${`${f.year}-12-31`}`);
  if (f.method) conditions.push(Prisma.sql`p.method = ${f.method}`);
  return Prisma.join(conditions, ' AND ');
}

/**
 * Per payment: the allocated sum and the gigs it settles (as JSON), for
 * `LEFT JOIN … a ON a.paymentId = p.id`. With `only` (a subquery of payment
 * ids: one page of the list), just for those, so a page costs the same
 * however many payments there are.
 */
function allocationsByPayment(userId: number, only: Prisma.Sql | null) {
  return Prisma.sql`(
    SELECT pa.paymentId, SUM(pa.amountMinor) AS allocatedMinor, COUNT(*) AS gigCount,
           json_group_array(json_object('id', g.id, 'date', g.date, 'title', g.title, 'artist', g.artist, 'kind', g.kind, 'amountMinor', pa.amountMinor)) AS gigs
    FROM PaymentAllocation pa JOIN Gig g ON g.id = pa.gigId AND g.userId = ${userId}
    WHERE pa.userId = ${userId} ${only ? Prisma.sql`AND pa.paymentId IN (${only})` : Prisma.empty}
    GROUP BY pa.paymentId
  )`;
}

export type SettledGig = { id: number; date: string; label: string; amountMinor: number };

export type PaymentRow = {
  id: number;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  method: string;
  reference: string;
  notes: string;
  clientId: number | null;
  clientName: string | null;
  allocatedMinor: number;
  creditMinor: number;
  gigs: SettledGig[];
};

export type PaymentTotals = { currency: string; payments: number; receivedMinor: number; allocatedMinor: number; creditMinor: number };

/** A gig as a payment lists it: its title, else the artist, else its kind. */
export function gigLabel(g: { title: string; artist: string; kind: string }) {
  return g.title || g.artist || gigKinds.labelOf(g.kind);
}

function readGigs(json: unknown): SettledGig[] {
  if (typeof json !== 'string') return [];
  const list = JSON.parse(json) as { id: number; date: string; title: string; artist: string; kind: string; amountMinor: number }[];
  return list
    .map((g) => ({ id: num(g.id), date: g.date, label: gigLabel(g), amountMinor: num(g.amountMinor) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

/**
 * The payments matching `where` (conditions on `Payment p`), newest first,
 * with client name, allocated sum and gigs; with `page`, only that page.
 */
function paymentRowsSql(userId: number, where: Prisma.Sql, page?: { limit: number; offset: number }) {
  const order = Prisma.sql`ORDER BY p.receivedOn DESC, p.id DESC`;
  const ids = page ? Prisma.sql`SELECT p.id FROM Payment p WHERE ${where} ${order} LIMIT ${page.limit} OFFSET ${page.offset}` : null;
  return Prisma.sql`
    SELECT p.id, p.receivedOn, p.amountMinor, p.currency, p.method, p.reference, p.notes, p.clientId, c.name AS clientName,
           COALESCE(a.allocatedMinor, 0) AS allocatedMinor, a.gigs
    FROM Payment p
    LEFT JOIN Client c ON c.id = p.clientId AND c.userId = ${userId}
    LEFT JOIN ${allocationsByPayment(userId, ids)} a ON a.paymentId = p.id
    WHERE ${ids ? Prisma.sql`p.userId = ${userId} AND p.id IN (${ids})` : where}
    ${order}`;
}

function toRow(r: Record<string, unknown>): PaymentRow {
  const amountMinor = num(r.amountMinor);
  const allocatedMinor = num(r.allocatedMinor);
  return {
    id: num(r.id),
    receivedOn: String(r.receivedOn),
    amountMinor,
    currency: String(r.currency),
    method: String(r.method),
    reference: String(r.reference ?? ''),
    notes: String(r.notes ?? ''),
    clientId: r.clientId == null ? null : num(r.clientId),
    clientName: r.clientName == null ? null : String(r.clientName),
    allocatedMinor,
    creditMinor: amountMinor - allocatedMinor,
    gigs: readGigs(r.gigs),
  };
}

/**
 * One page of payments, newest first, with the number of matches and the
 * matches' totals per currency (received, allocated, kept as credit) — two
 * queries whatever the number of payments.
 */
export async function findPayments(db: UserDb, f: PaymentFilter) {
  const userId = db.$userId;
  const where = paymentListWhere(userId, f);
  const totalsRows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p.currency, COUNT(*) AS payments, SUM(p.amountMinor) AS receivedMinor,
           SUM(COALESCE(a.allocatedMinor, 0)) AS allocatedMinor, SUM(p.amountMinor - COALESCE(a.allocatedMinor, 0)) AS creditMinor
    FROM Payment p
    LEFT JOIN (SELECT paymentId, SUM(amountMinor) AS allocatedMinor FROM PaymentAllocation WHERE userId = ${userId} GROUP BY paymentId) a ON a.paymentId = p.id
    WHERE ${where}
    GROUP BY p.currency ORDER BY p.currency`;
  const totals: PaymentTotals[] = totalsRows.map((r) => ({
    currency: String(r.currency),
    payments: num(r.payments),
    receivedMinor: num(r.receivedMinor),
    allocatedMinor: num(r.allocatedMinor),
    creditMinor: num(r.creditMinor),
  }));
  const total = totals.reduce((n, t) => n + t.payments, 0);
  const pages = Math.max(1, Math.ceil(total / PAYMENTS_PER_PAGE));
  const page = Math.min(f.page, pages);
  const rows = total
    ? await db.$queryRaw<Record<string, unknown>[]>(paymentRowsSql(userId, where, { limit: PAYMENTS_PER_PAGE, offset: (page - 1) * PAYMENTS_PER_PAGE }))
    : [];
  return { rows: rows.map(toRow), total, page, pages, totals };
}

/** Every payment matching the list's filters, newest first, for the CSV export. */
export async function paymentExportRows(db: UserDb, f: PaymentFilter): Promise<PaymentRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(paymentRowsSql(userId, paymentListWhere(userId, f)));
  return rows.map(toRow);
}

/** The years that have payments, newest first, for the list's year filter. */
export async function paymentYears(db: UserDb): Promise<string[]> {
  const rows = await db.$queryRaw<{ year: string }[]>`
    SELECT DISTINCT substr(receivedOn, 1, 4) AS year FROM Payment WHERE userId = ${db.$userId} ORDER BY year DESC`;
  return rows.map((r) => String(r.year));
}

// ---------------------------------------------------------------------------
// Credit

export type Credit = { clientId: number | null; clientName: string | null; currency: string; creditMinor: number };

/**
 * Unallocated money per client and currency (only where some is left), for
 * one client or all of them: what the musician holds as credit. One query.
 */
export async function creditByClient(db: UserDb, clientId?: number): Promise<Credit[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p.clientId, c.name AS clientName, p.currency, SUM(p.amountMinor - COALESCE(a.allocatedMinor, 0)) AS creditMinor
    FROM Payment p
    LEFT JOIN Client c ON c.id = p.clientId AND c.userId = ${userId}
    LEFT JOIN (SELECT paymentId, SUM(amountMinor) AS allocatedMinor FROM PaymentAllocation WHERE userId = ${userId} GROUP BY paymentId) a ON a.paymentId = p.id
    WHERE p.userId = ${userId} ${clientId === undefined ? Prisma.empty : Prisma.sql`AND p.clientId = ${clientId}`}
    GROUP BY p.clientId, p.currency
    HAVING SUM(p.amountMinor - COALESCE(a.allocatedMinor, 0)) > 0
    ORDER BY c.name COLLATE NOCASE, p.clientId, p.currency`;
  return rows.map((r) => ({
    clientId: r.clientId == null ? null : num(r.clientId),
    clientName: r.clientName == null ? null : String(r.clientName),
    currency: String(r.currency),
    creditMinor: num(r.creditMinor),
  }));
}
