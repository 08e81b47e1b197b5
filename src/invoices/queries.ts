// Invoice data functions. Every one takes the musician-scoped handle
// (forUser) except the two that read or write the musician's own numbering
// settings on the User row, which take the raw client and the user id.
//
// Rules, in one place:
// - An invoice bills one client for one or more of that client's gigs
//   (billed to the payer, else the booker — `billToId` in gigBalancesCte),
//   all in one currency. A gig is on at most one invoice (Gig.invoiceId).
// - What an invoice is worth, what came in and what is still due are never
//   stored: they are the sums of its gigs' rows in gigBalancesCte, so a
//   payment recorded anywhere shows up on the invoice at once.
// - Status is computed in SQL (invoiceStatusCte): void, paid, overdue, partly
//   paid, sent — in that order of precedence.
// - Numbers are prefix + zero-padded sequence, taken from User.nextInvoiceNumber
//   and incremented in the same transaction that writes the invoice and links
//   its gigs. Voiding keeps the number (the row stays) and releases the gigs.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { numbers } from '../db/sql.ts';
import { addDays, daysBetween } from '../lib/dates.ts';
import { CANCELLATION_FEE, lineItemKinds } from '../domain/vocabulary.ts';
import { gigBalancesCte } from '../money/balances.ts';
import type { FieldErrors } from '../web/forms.ts';
import type { InvoiceInput } from './schemas.ts';

export const INVOICES_PER_PAGE = 25;
/** Gigs offered on the create form for one client (most recent first). */
export const INVOICEABLE_GIGS_SHOWN = 200;
const NUMBER_DIGITS = 4;

/** "INV-" + 42 → "INV-0042"; past 9999 the number simply grows ("INV-12345"). */
export function formatInvoiceNumber(prefix: string, sequence: number): string {
  return prefix + String(sequence).padStart(NUMBER_DIGITS, '0');
}

/** "Payment due within 30 days", or "on receipt" when due the day it is issued. */
export function defaultTerms(issuedOn: string, dueOn: string): string {
  const days = daysBetween(issuedOn, dueOn);
  if (days <= 0) return 'Payment due on receipt';
  return `Payment due within ${days} day${days === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------
// Numbering settings (on the User row: not a musician-owned model, so the raw client)

export async function numberingOf(prisma: PrismaClient, userId: number) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { invoicePrefix: true, nextInvoiceNumber: true } });
}

/**
 * Saves the prefix and the next number. The number may only go up (or stay):
 * the check and the write are one statement, so a concurrent invoice can't
 * slip a used number back in. Returns the current number when refused.
 */
export async function saveNumbering(
  prisma: PrismaClient,
  userId: number,
  input: { invoicePrefix: string; nextInvoiceNumber: number },
): Promise<{ ok: true } | { ok: false; current: number }> {
  const changed = await prisma.$executeRaw`UPDATE User SET invoicePrefix = ${input.invoicePrefix}, nextInvoiceNumber = ${input.nextInvoiceNumber}
    WHERE id = ${userId} AND nextInvoiceNumber <= ${input.nextInvoiceNumber}`;
  if (changed === 1) return { ok: true };
  return { ok: false, current: (await numberingOf(prisma, userId)).nextInvoiceNumber };
}

// ---------------------------------------------------------------------------
// What can be invoiced

export type InvoiceableGig = {
  id: number;
  date: string;
  title: string;
  artist: string;
  kind: string;
  status: string;
  currency: string;
  agreedMinor: number;
  paidMinor: number;
  owedMinor: number;
};

/** Gigs that can go on a new invoice: counted (booked, done, or cancelled with a fee), worth something, not on an invoice. */
const invoiceable = Prisma.sql`b.agreedMinor > 0 AND g.invoiceId IS NULL`;

/** Clients with gigs waiting for an invoice, with how many: the first step of "New invoice". */
export async function clientsToInvoice(db: UserDb) {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ id: number; name: string; gigs: number; oldest: string }[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT c.id, c.name, COUNT(*) AS gigs, MIN(g.date) AS oldest
    FROM balances b
    JOIN Gig g ON g.id = b.gigId AND g.userId = ${userId}
    JOIN Client c ON c.id = b.billToId AND c.userId = ${userId}
    WHERE ${invoiceable}
    GROUP BY c.id ORDER BY LOWER(c.name)`;
  return rows.map(numbers);
}

/**
 * One client's gigs that can be invoiced — those still owed first, then those
 * already paid (an invoice as a receipt), most recent first within each — at
 * most INVOICEABLE_GIGS_SHOWN, and how many there are.
 */
export async function invoiceableGigs(db: UserDb, clientId: number) {
  const userId = db.$userId;
  const from = Prisma.sql`FROM balances b JOIN Gig g ON g.id = b.gigId AND g.userId = ${userId}
    WHERE b.billToId = ${clientId} AND ${invoiceable}`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<InvoiceableGig[]>`WITH ${gigBalancesCte(userId)}
      SELECT g.id, g.date, g.title, g.artist, g.kind, g.status, b.currency, b.agreedMinor, b.paidMinor, b.owedMinor
      ${from} ORDER BY (b.owedMinor > 0) DESC, g.date DESC, g.id DESC LIMIT ${INVOICEABLE_GIGS_SHOWN}`,
    db.$queryRaw<{ n: number }[]>`WITH ${gigBalancesCte(userId)} SELECT COUNT(*) AS n ${from}`,
  ]);
  return { gigs: rows.map(numbers), total: Number(counted[0]?.n ?? 0) };
}

// ---------------------------------------------------------------------------
// Creating an invoice

export type CreateResult = { ok: true; id: number; number: string } | { ok: false; errors: FieldErrors };

/** Thrown inside the transaction to roll it back (and give the number back). */
class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('invoice refused');
  }
}

const gigLabel = (g: { date: string; title: string; artist: string }) => `the gig on ${g.date}${g.title || g.artist ? ` (${g.title || g.artist})` : ''}`;

/**
 * Checks the ticked gigs against what may be invoiced to this client:
 * each must be the musician's, billed to this client, counted, not on
 * another invoice — and all in one currency. Returns that currency.
 */
async function checkGigs(db: UserDb, clientId: number, clientName: string, ids: number[]): Promise<{ ok: true; currency: string } | { ok: false; errors: FieldErrors }> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ id: number; date: string; title: string; artist: string; invoiceNumber: string | null; billToId: number | null; currency: string | null; agreedMinor: number | null }[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT g.id, g.date, g.title, g.artist, i.number AS invoiceNumber, COALESCE(g.payerId, g.clientId) AS billToId, b.currency, b.agreedMinor
    FROM Gig g
    LEFT JOIN balances b ON b.gigId = g.id
    LEFT JOIN Invoice i ON i.id = g.invoiceId AND i.userId = ${userId}
    WHERE g.userId = ${userId} AND g.id IN (${Prisma.join(ids)})`;
  const byId = new Map(rows.map((r) => [Number(r.id), numbers(r)]));
  const problem = (message: string) => ({ ok: false as const, errors: { gigIds: message } });
  for (const id of ids) {
    const g = byId.get(id);
    if (!g) return problem('One of the ticked gigs is not in your list any more. Tick the gigs again.');
    if (g.invoiceNumber) return problem(`${capitalise(gigLabel(g))} is already on invoice ${g.invoiceNumber}. Void that invoice first to invoice it again.`);
    if (g.billToId !== clientId) return problem(`${capitalise(gigLabel(g))} is not billed to ${clientName}, so it can’t go on this invoice.`);
    if (!g.currency || !g.agreedMinor || g.agreedMinor <= 0) {
      return problem(`${capitalise(gigLabel(g))} has nothing to invoice yet: holds, cancelled gigs without a cancellation fee and gigs without a fee can’t be invoiced.`);
    }
  }
  const currencies = [...new Set(rows.map((r) => r.currency!))].sort();
  if (currencies.length > 1) {
    return problem(
      `These gigs are in different currencies (${currencies.join(', ')}). An invoice is in one currency: tick only the ${currencies[0]} gigs or only the ${currencies.slice(1).join(' or ')} ones, and make a second invoice for the rest.`,
    );
  }
  return { ok: true, currency: currencies[0] };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The client's lines on an invoice: name, company, email, city — those that are filled in. */
export function billToTextOf(client: { name: string; company: string; email: string; city: string }): string {
  return [client.name, client.company, client.email, client.city].map((s) => s.trim()).filter(Boolean).join('\n');
}

export function fromTextOf(user: { name: string; email: string; invoiceDetails: string }): string {
  return [user.name, user.email, user.invoiceDetails].map((s) => s.trim()).filter(Boolean).join('\n');
}

/**
 * Creates an invoice for the ticked gigs, in one transaction: take the next
 * number (incrementing User.nextInvoiceNumber), write the invoice with its
 * snapshots, link the gigs and set their due date. The first statement is the
 * write to User, so the transaction holds SQLite's write lock from its start
 * and a concurrent creation waits for it (then reads the incremented number);
 * `@@unique([userId, number])` refuses a duplicate whatever happens.
 * Anything refused rolls everything back, so no number is used up.
 */
export async function createInvoice(
  db: UserDb,
  client: { id: number; name: string; company: string; email: string; city: string },
  input: InvoiceInput,
  options: { paymentTermsDays: number },
): Promise<CreateResult> {
  const checked = await checkGigs(db, client.id, client.name, input.gigIds);
  if (!checked.ok) return checked;
  const dueOn = input.dueOn ?? addDays(input.issuedOn, options.paymentTermsDays);
  const userId = db.$userId;
  try {
    return await db.$transaction(async (tx) => {
      const [taken] = await tx.$queryRaw<{ sequence: number | bigint; invoicePrefix: string; name: string; email: string; invoiceDetails: string }[]>`
        UPDATE User SET nextInvoiceNumber = nextInvoiceNumber + 1 WHERE id = ${userId}
        RETURNING nextInvoiceNumber - 1 AS sequence, invoicePrefix, name, email, invoiceDetails`;
      if (!taken) throw new Error('The signed-in musician has no User row');
      const number = formatInvoiceNumber(taken.invoicePrefix, Number(taken.sequence));
      const invoice = await tx.invoice.create({
        data: {
          userId,
          clientId: client.id,
          number,
          issuedOn: input.issuedOn,
          dueOn,
          currency: checked.currency,
          fromText: fromTextOf(taken),
          billToText: billToTextOf(client),
          terms: input.terms || defaultTerms(input.issuedOn, dueOn),
          notes: input.notes,
        },
        select: { id: true, number: true },
      });
      // Only gigs still free: a gig invoiced by a concurrent request in the meantime is not taken twice.
      const linked = await tx.gig.updateMany({ where: { id: { in: input.gigIds }, invoiceId: null }, data: { invoiceId: invoice.id, dueDate: dueOn } });
      if (linked.count !== input.gigIds.length) {
        throw new Refused({ gigIds: 'One of the ticked gigs was put on another invoice in the meantime. Check the list and try again.' });
      }
      return { ok: true as const, id: invoice.id, number: invoice.number };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, errors: err.errors };
    if (isUniqueViolation(err)) {
      return {
        ok: false,
        errors: { _form: 'An invoice with the next number already exists (the prefix was changed back?). Raise the next number or change the prefix under Invoice numbering, then try again.' },
      };
    }
    throw err;
  }
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';

// ---------------------------------------------------------------------------
// Totals and status: one CTE, used by the list, the export and the invoice page

export type InvoiceStatus = 'sent' | 'partly_paid' | 'overdue' | 'paid' | 'void';

export const invoiceStatuses: { value: InvoiceStatus; label: string }[] = [
  { value: 'sent', label: 'Sent' },
  { value: 'partly_paid', label: 'Partly paid' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
];

export const invoiceStatusLabel = (status: string) => invoiceStatuses.find((s) => s.value === status)?.label ?? status;

/**
 * CTEs `balances` and `invoice_status`: one row per invoice of `userId` with
 * its totals in the invoice currency (the sums of its gigs' balances: total
 * agreed, received, balance due = what is still owed on its gigs, credit =
 * what was overpaid on any of them) and its status as of `today`:
 *   void (voidedAt set) › paid (no gig owes anything) › overdue (past dueOn
 *   with a balance) › partly paid (something received) › sent.
 * Overdue wins over partly paid: a part-paid invoice past its date still
 * needs a reminder (the gigs list's paid states rank the same way).
 * Use as: Prisma.sql`WITH ${invoiceStatusCte(userId, today)} SELECT … FROM invoice_status s`.
 */
export function invoiceStatusCte(userId: number, today: string) {
  return Prisma.sql`${gigBalancesCte(userId)},
  invoice_totals AS (
    SELECT i.id, i.number, i.issuedOn, i.dueOn, i.currency, i.clientId, i.billToText,
           (i.voidedAt IS NOT NULL) AS isVoid,
           c.name AS clientName, c.email AS clientEmail,
           -- A voided invoice's gigs were released: its figures are those it
           -- had when voided (voidedContent), with nothing left due.
           CASE WHEN i.voidedContent IS NOT NULL THEN json_extract(i.voidedContent, '$.totals.gigCount') ELSE COUNT(g.id) END AS gigCount,
           CASE WHEN i.voidedContent IS NOT NULL THEN json_extract(i.voidedContent, '$.totals.totalMinor') ELSE COALESCE(SUM(b.agreedMinor), 0) END AS totalMinor,
           CASE WHEN i.voidedContent IS NOT NULL THEN json_extract(i.voidedContent, '$.totals.paidMinor') ELSE COALESCE(SUM(b.paidMinor), 0) END AS paidMinor,
           CASE WHEN i.voidedContent IS NOT NULL THEN 0 ELSE COALESCE(SUM(MAX(b.owedMinor, 0)), 0) END AS balanceMinor,
           CASE WHEN i.voidedContent IS NOT NULL THEN 0 ELSE COALESCE(-SUM(MIN(b.owedMinor, 0)), 0) END AS creditMinor
    FROM Invoice i
    LEFT JOIN Client c ON c.id = i.clientId AND c.userId = ${userId}
    LEFT JOIN Gig g ON g.invoiceId = i.id AND g.userId = ${userId}
    LEFT JOIN balances b ON b.gigId = g.id AND b.currency = i.currency
    WHERE i.userId = ${userId}
    GROUP BY i.id
  ),
  invoice_status AS (
    SELECT t.*,
      CASE WHEN t.isVoid THEN 'void'
           WHEN t.balanceMinor <= 0 THEN 'paid'
           WHEN t.dueOn < ${today} THEN 'overdue'
           WHEN t.paidMinor > 0 THEN 'partly_paid'
           ELSE 'sent' END AS status
    FROM invoice_totals t
  )`;
}

export type InvoiceSummary = {
  id: number;
  number: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  clientId: number | null;
  clientName: string | null;
  clientEmail: string | null;
  billToText: string;
  gigCount: number;
  totalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  creditMinor: number;
  status: InvoiceStatus;
};

const summaryColumns = Prisma.sql`s.id, s.number, s.issuedOn, s.dueOn, s.currency, s.clientId, s.clientName, s.clientEmail, s.billToText,
  s.gigCount, s.totalMinor, s.paidMinor, s.balanceMinor, s.creditMinor, s.status`;

/** One invoice's totals and status (null when it is not the musician's). */
export async function invoiceSummary(db: UserDb, id: number, today: string): Promise<InvoiceSummary | null> {
  const rows = await db.$queryRaw<InvoiceSummary[]>`WITH ${invoiceStatusCte(db.$userId, today)}
    SELECT ${summaryColumns} FROM invoice_status s WHERE s.id = ${id}`;
  return rows[0] ? numbers(rows[0]) : null;
}

// ---------------------------------------------------------------------------
// The list and the CSV export

export type InvoiceFilter = { status: InvoiceStatus | 'unpaid' | null; page: number };

export const statusFilters: { value: InvoiceFilter['status'] & string; label: string }[] = [
  { value: 'unpaid', label: 'Not paid yet' },
  ...invoiceStatuses,
];

export function parseInvoiceFilter(query: Record<string, unknown>): InvoiceFilter {
  const raw = typeof query.status === 'string' ? query.status : '';
  const status = statusFilters.some((s) => s.value === raw) ? (raw as InvoiceFilter['status']) : null;
  const pageRaw = typeof query.page === 'string' ? query.page : '';
  return { status, page: /^[1-9]\d{0,5}$/.test(pageRaw) ? Number(pageRaw) : 1 };
}

export function invoiceListUrl(filter: InvoiceFilter, overrides: Partial<InvoiceFilter> = {}, path = '/invoices'): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.page > 1) params.set('page', String(f.page));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function statusWhere(filter: InvoiceFilter) {
  if (!filter.status) return Prisma.sql`1 = 1`;
  if (filter.status === 'unpaid') return Prisma.sql`s.status IN ('sent', 'partly_paid', 'overdue')`;
  return Prisma.sql`s.status = ${filter.status}`;
}

const newestFirst = Prisma.sql`s.issuedOn DESC, s.id DESC`;

/**
 * One page of invoices (newest first), how many match, the matches' totals
 * per currency (void invoices left out: they are owed by no one), and when
 * the last reminder went out for each invoice on the page. Four queries
 * whatever the number of invoices.
 */
export async function findInvoices(db: UserDb, filter: InvoiceFilter, today: string) {
  const userId = db.$userId;
  const where = statusWhere(filter);
  const [counted, totals] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`WITH ${invoiceStatusCte(userId, today)} SELECT COUNT(*) AS n FROM invoice_status s WHERE ${where}`,
    db.$queryRaw<{ currency: string; invoices: number; totalMinor: number; paidMinor: number; balanceMinor: number }[]>`
      WITH ${invoiceStatusCte(userId, today)}
      SELECT s.currency, COUNT(*) AS invoices, SUM(s.totalMinor) AS totalMinor, SUM(s.paidMinor) AS paidMinor, SUM(s.balanceMinor) AS balanceMinor
      FROM invoice_status s WHERE ${where} AND s.status <> 'void' GROUP BY s.currency ORDER BY s.currency`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / INVOICES_PER_PAGE));
  const page = Math.min(filter.page, pages);
  const rows = (
    await db.$queryRaw<InvoiceSummary[]>`WITH ${invoiceStatusCte(userId, today)}
      SELECT ${summaryColumns} FROM invoice_status s WHERE ${where}
      ORDER BY ${newestFirst} LIMIT ${INVOICES_PER_PAGE} OFFSET ${(page - 1) * INVOICES_PER_PAGE}`
  ).map(numbers);
  const last = rows.length
    ? await db.invoiceReminder.groupBy({ by: ['invoiceId'], where: { invoiceId: { in: rows.map((r) => r.id) } }, _max: { sentAt: true } })
    : [];
  const lastReminder = new Map(last.map((r) => [r.invoiceId, r._max.sentAt]));
  return {
    rows: rows.map((r) => ({ ...r, lastReminderAt: lastReminder.get(r.id) ?? null })),
    total,
    page,
    pages,
    totals: totals.map(numbers),
  };
}

/** Every matching invoice for the CSV export, newest first (one query). */
export async function invoiceExportRows(db: UserDb, filter: InvoiceFilter, today: string) {
  const rows = await db.$queryRaw<InvoiceSummary[]>`WITH ${invoiceStatusCte(db.$userId, today)}
    SELECT ${summaryColumns} FROM invoice_status s WHERE ${statusWhere(filter)} ORDER BY ${newestFirst}`;
  return rows.map(numbers);
}

// ---------------------------------------------------------------------------
// The invoice itself (page and PDF)

/**
 * The lines of a gig that are billed on the invoice: owed to the musician
 * (not pension / health & welfare) and, on a cancelled gig, only the
 * cancellation fee. These are the rules of src/money/balances.ts (kept in
 * Gig.agreedMinor by the gig_balance_totals triggers), so the lines shown add
 * up to the gig's `agreedMinor` in gigBalancesCte (tests/invoices checks it).
 */
export function isBilledLine(gigStatus: string, line: { kind: string; owedToMusician: boolean }): boolean {
  if (!line.owedToMusician) return false;
  if (gigStatus === 'booked' || gigStatus === 'done') return true;
  return gigStatus === 'cancelled' && line.kind === CANCELLATION_FEE;
}

/** A billed line as the client reads it: its own description, else its kind ("Base fee"). */
export function lineLabel(line: { kind: string; description: string }): string {
  return line.description.trim() || lineItemKinds.labelOf(line.kind);
}

/** "Pension", "Health & welfare": the section heading already says they go to the funds. */
export function fundLabel(kind: string): string {
  return lineItemKinds.labelOf(kind).replace(/\s*\(paid to the fund\)$/, '');
}

/**
 * Everything the invoice page and the PDF show, in a constant number of
 * queries: the invoice and its client, its totals and status, its gigs with
 * their lines and amounts, the employer's union-fund contributions, the
 * payments received against its gigs, and the reminders sent.
 */
export async function getInvoiceDocument(db: UserDb, id: number, today: string) {
  const doc = await liveInvoiceDocument(db, id, today);
  if (!doc) return null;
  const { voidedContent, ...invoice } = doc.invoice;
  if (voidedContent === null) return { ...doc, invoice, keptFromVoiding: false };
  // Voided: what it listed then (its gigs have been released since).
  const kept = JSON.parse(voidedContent) as VoidedContent;
  return { ...doc, invoice, gigs: kept.gigs, funds: kept.funds, payments: kept.payments, daysLate: 0, keptFromVoiding: true };
}

/** The invoice as its gigs, lines and payments are now. */
async function liveInvoiceDocument(db: UserDb, id: number, today: string) {
  const userId = db.$userId;
  const [invoice, summary, gigs, balances, funds, payments] = await Promise.all([
    db.invoice.findUnique({
      where: { id },
      include: {
        client: { select: { id: true, name: true, email: true } },
        reminders: { select: { id: true, sentAt: true, channel: true }, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }] },
      },
    }),
    invoiceSummary(db, id, today),
    db.gig.findMany({
      where: { invoiceId: id },
      orderBy: [{ date: 'asc' }, { id: 'asc' }],
      select: {
        id: true, date: true, title: true, artist: true, kind: true, status: true, location: true, instruments: true,
        lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, kind: true, description: true, amountMinor: true, currency: true, owedToMusician: true } },
      },
    }),
    db.$queryRaw<{ gigId: number; currency: string; agreedMinor: number; paidMinor: number; owedMinor: number }[]>`
      WITH ${gigBalancesCte(userId)}
      SELECT b.gigId, b.currency, b.agreedMinor, b.paidMinor, b.owedMinor
      FROM balances b JOIN Gig g ON g.id = b.gigId AND g.userId = ${userId} WHERE g.invoiceId = ${id}`,
    // Pension and health & welfare on the invoiced gigs that happen (not on cancelled ones).
    db.$queryRaw<{ kind: string; currency: string; amountMinor: number }[]>`
      SELECT l.kind, l.currency, SUM(l.amountMinor) AS amountMinor
      FROM LineItem l JOIN Gig g ON g.id = l.gigId AND g.userId = ${userId}
      WHERE l.userId = ${userId} AND g.invoiceId = ${id} AND l.owedToMusician = 0 AND g.status IN ('booked', 'done')
      GROUP BY l.kind, l.currency ORDER BY l.kind, l.currency`,
    // Each payment once, with the part of it allocated to this invoice's gigs.
    db.$queryRaw<{ id: number; receivedOn: string; method: string; reference: string; currency: string; amountMinor: number }[]>`
      SELECT p.id, p.receivedOn, p.method, p.reference, p.currency, SUM(a.amountMinor) AS amountMinor
      FROM PaymentAllocation a
      JOIN Payment p ON p.id = a.paymentId AND p.userId = ${userId}
      JOIN Gig g ON g.id = a.gigId AND g.userId = ${userId}
      WHERE a.userId = ${userId} AND g.invoiceId = ${id}
      GROUP BY p.id ORDER BY p.receivedOn, p.id`,
  ]);
  if (!invoice || !summary) return null;
  const balanceOf = new Map(balances.map((b) => [Number(b.gigId), numbers(b)]));
  return {
    invoice,
    summary,
    gigs: gigs.map((g) => {
      const balance = balanceOf.get(g.id) ?? null;
      return {
        ...g,
        lines: g.lineItems.filter((l) => isBilledLine(g.status, l)),
        balance,
        /** In another currency than the invoice (edited since): shown, never added to the total. */
        otherCurrency: balance !== null && balance.currency !== invoice.currency,
      };
    }),
    funds: funds.map(numbers),
    payments: payments.map(numbers),
    daysLate: summary.status === 'overdue' ? daysBetween(invoice.dueOn, today) : 0,
  };
}

export type InvoiceDocument = NonNullable<Awaited<ReturnType<typeof getInvoiceDocument>>>;

type LiveInvoiceDocument = NonNullable<Awaited<ReturnType<typeof liveInvoiceDocument>>>;

/** What a voided invoice keeps of what it listed (Invoice.voidedContent). */
type VoidedContent = {
  gigs: LiveInvoiceDocument['gigs'];
  funds: LiveInvoiceDocument['funds'];
  payments: LiveInvoiceDocument['payments'];
  totals: Pick<InvoiceSummary, 'gigCount' | 'totalMinor' | 'paidMinor'>;
};

/**
 * Voids an invoice: keeps its row and number, and what it listed
 * (voidedContent), and releases its gigs for a new invoice. False if already void.
 */
export async function voidInvoice(db: UserDb, id: number, today: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // Read inside the transaction, so the record is exactly what is released.
    const doc = await liveInvoiceDocument(tx as unknown as UserDb, id, today);
    if (!doc || doc.summary.status === 'void') return false;
    const kept: VoidedContent = {
      gigs: doc.gigs,
      funds: doc.funds,
      payments: doc.payments,
      totals: { gigCount: doc.summary.gigCount, totalMinor: doc.summary.totalMinor, paidMinor: doc.summary.paidMinor },
    };
    const voided = await tx.invoice.updateMany({ where: { id, voidedAt: null }, data: { voidedAt: new Date(), voidedContent: JSON.stringify(kept) } });
    if (voided.count === 0) return false;
    await tx.gig.updateMany({ where: { invoiceId: id }, data: { invoiceId: null } });
    return true;
  });
}

export async function recordReminder(db: UserDb, invoiceId: number, channel: string) {
  return db.invoiceReminder.create({ data: { userId: db.$userId, invoiceId, channel }, select: { id: true, sentAt: true } });
}
