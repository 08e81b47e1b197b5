// Gig data functions. Every one takes the musician-scoped handle (forUser).
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { likePattern, numbers } from '../db/sql.ts';
import { resolveClient } from '../clients/queries.ts';
import { addDays } from '../lib/dates.ts';
import { fundLineItemKinds } from '../domain/vocabulary.ts';
import { gigBalancesCte, paidStateCondition, type PaidState } from '../money/balances.ts';
import type { FieldErrors } from '../web/forms.ts';
import type { GigInput } from './schemas.ts';

type SaveResult = { ok: true; id: number; createdClient: string | null } | { ok: false; errors: FieldErrors };

/** The scalar columns of a gig from the form (clients resolved separately). */
function gigColumns(input: GigInput, clientId: number | null, payerId: number | null, dueDate: string | null) {
  return {
    date: input.date,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    kind: input.kind,
    status: input.status,
    title: input.title,
    artist: input.artist,
    location: input.location,
    instruments: input.instruments,
    clientId,
    payerId,
    union: input.union,
    bFormType: input.bFormType,
    bFormFiled: input.bFormFiled,
    workForHire: input.workForHire,
    notes: input.notes,
    dueDate,
  };
}

function lineItemRows(userId: number, gigId: number, input: GigInput) {
  return input.items.map((item, position) => ({
    userId,
    gigId,
    kind: item.kind,
    description: item.description,
    amountMinor: item.amountMinor,
    currency: input.currency,
    owedToMusician: !fundLineItemKinds.includes(item.kind),
    position,
  }));
}

/** Booker and payer from the form: picked ids are checked, typed names found or created. */
async function resolveParties(db: UserDb, input: GigInput) {
  const errors: FieldErrors = {};
  const client = await resolveClient(db, { id: input.clientId, name: input.clientName });
  if (client === 'not-found') errors.clientName = 'That client is not in your list. Pick one from the list or type a new name.';
  const payer = input.payerName ? await resolveClient(db, { id: null, name: input.payerName }) : null;
  return {
    errors,
    clientId: client && client !== 'not-found' ? client.id : null,
    payerId: payer && payer !== 'not-found' && (client === null || client === 'not-found' || payer.id !== client.id) ? payer.id : null,
    createdClient: client && client !== 'not-found' && client.created ? client.name : null,
  };
}

/**
 * Logs a gig with its fee lines in one transaction. The due date defaults to
 * the gig date plus the musician's payment terms.
 */
export async function createGig(
  db: UserDb,
  input: GigInput,
  options: { paymentTermsDays: number; importKey?: string },
): Promise<SaveResult> {
  return refusalsAsErrors(() =>
    db.$transaction(async (tx) => {
      const parties = await resolveParties(tx as unknown as UserDb, input);
      if (Object.keys(parties.errors).length) throw new Refusal(parties.errors);
      const dueDate = input.dueDate ?? addDays(input.date, options.paymentTermsDays);
      const gig = await tx.gig.create({
        data: { userId: db.$userId, ...gigColumns(input, parties.clientId, parties.payerId, dueDate), importKey: options.importKey ?? null },
        select: { id: true },
      });
      if (input.items.length) await tx.lineItem.createMany({ data: lineItemRows(db.$userId, gig.id, input) });
      return { ok: true as const, id: gig.id, createdClient: parties.createdClient };
    }),
  );
}

/**
 * Logs many gigs inside the caller's transaction (the CSV import, which must
 * write all rows or none). Same columns, due dates and fee lines as
 * createGig, but clients are found or created once per distinct name and the
 * gigs and fee lines go in as two bulk inserts: with better-sqlite3 a
 * transaction holds the event loop until it ends, and one createGig per row
 * (nested, on savepoints) is about five times slower for a 5,000-row file.
 * Every row needs a distinct importKey: it matches the new ids to the rows.
 */
export async function createGigsInTransaction(
  tx: UserDb,
  rows: readonly { input: GigInput; importKey: string }[],
  options: { paymentTermsDays: number },
): Promise<{ ids: number[]; createdClients: string[] }> {
  const userId = tx.$userId;
  const parties = new Map<string, { id: number; name: string; created: boolean }>();
  const party = async (id: number | null, name: string) => {
    const key = id !== null ? `#${id}` : name.trim().toLowerCase();
    if (!key) return null;
    if (!parties.has(key)) {
      const found = await resolveClient(tx, { id, name });
      if (found === 'not-found') throw new Error(`Client ${id} is not this musician's`);
      if (!found) return null;
      parties.set(key, found);
    }
    return parties.get(key)!;
  };
  const gigs = [];
  for (const { input, importKey } of rows) {
    const client = await party(input.clientId, input.clientName);
    const payer = input.payerName ? await party(null, input.payerName) : null;
    const payerId = payer && payer.id !== client?.id ? payer.id : null;
    const dueDate = input.dueDate ?? addDays(input.date, options.paymentTermsDays);
    gigs.push({ userId, ...gigColumns(input, client?.id ?? null, payerId, dueDate), importKey });
  }
  const created = await tx.gig.createManyAndReturn({ data: gigs, select: { id: true, importKey: true } });
  const idByKey = new Map(created.map((g) => [g.importKey, g.id]));
  const ids = rows.map((r) => idByKey.get(r.importKey)!);
  const lines = rows.flatMap((r, i) => lineItemRows(userId, ids[i], r.input));
  if (lines.length) await tx.lineItem.createMany({ data: lines });
  return { ids, createdClients: [...parties.values()].filter((c) => c.created).map((c) => c.name) };
}


/** Replaces a gig's details and fee lines in one transaction. */
export async function updateGig(db: UserDb, id: number, input: GigInput): Promise<SaveResult> {
  return refusalsAsErrors(() =>
    db.$transaction(async (tx) => {
      const existing = await tx.gig.findUnique({ where: { id }, select: { dueDate: true } });
      if (!existing) throw new Refusal({ _form: 'This gig no longer exists.' });
      // Payments are allocated in the gig's currency: its fees must stay in
      // that currency (and exist), or one balance would mix two currencies.
      const allocation = await tx.paymentAllocation.findFirst({ where: { gigId: id }, select: { payment: { select: { currency: true } } } });
      const paidIn = allocation?.payment.currency;
      if (paidIn && (input.currency !== paidIn || input.items.length === 0)) {
        throw new Refusal({
          [input.items.length === 0 ? 'items.0.amount' : 'currency']:
            input.items.length === 0
              ? `Payments in ${paidIn} are recorded against this gig, so it keeps at least one fee line in ${paidIn} (it may be 0). Edit or delete those payments first.`
              : `Payments in ${paidIn} are recorded against this gig, so its fees stay in ${paidIn}. Edit or delete those payments first to change the currency.`,
        });
      }
      const parties = await resolveParties(tx as unknown as UserDb, input);
      if (Object.keys(parties.errors).length) throw new Refusal(parties.errors);
      await tx.gig.update({ where: { id }, data: gigColumns(input, parties.clientId, parties.payerId, input.dueDate ?? existing.dueDate) });
      await tx.lineItem.deleteMany({ where: { gigId: id } });
      if (input.items.length) await tx.lineItem.createMany({ data: lineItemRows(db.$userId, id, input) });
      return { ok: true as const, id, createdClient: parties.createdClient };
    }),
  );
}

/**
 * A form problem found inside a transaction. Throwing it rolls the
 * transaction back — a client created for the form a moment earlier is not
 * kept — and refusalsAsErrors turns it into the field messages.
 */
class Refusal extends Error {
  constructor(readonly errors: FieldErrors) {
    super('refused');
  }
}

async function refusalsAsErrors(work: () => Promise<SaveResult>): Promise<SaveResult> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, errors: err.errors };
    throw err;
  }
}

export function getGig(db: UserDb, id: number) {
  return db.gig.findUnique({
    where: { id },
    include: {
      client: { select: { id: true, name: true } },
      payer: { select: { id: true, name: true } },
      invoice: { select: { id: true, number: true } },
      lineItems: { orderBy: { position: 'asc' } },
      allocations: {
        include: { payment: { select: { id: true, receivedOn: true, method: true, reference: true, amountMinor: true, currency: true } } },
        orderBy: { payment: { receivedOn: 'asc' } },
      },
      recordings: { select: { id: true, title: true, artist: true, isrc: true }, orderBy: { title: 'asc' } },
    },
  });
}

/** The gig's balance (agreed, paid, owed in its currency), or null when nothing is counted (no fee, a hold). */
export async function gigBalance(db: UserDb, id: number) {
  const rows = await db.$queryRaw<{ currency: string; agreedMinor: number; paidMinor: number; owedMinor: number; dueDate: string | null }[]>`
    WITH ${gigBalancesCte(db.$userId)}
    SELECT currency, agreedMinor, paidMinor, owedMinor, dueDate FROM balances WHERE gigId = ${id}`;
  return rows[0] ? numbers(rows[0]) : null;
}

export type GigDetail = NonNullable<Awaited<ReturnType<typeof getGig>>>;

/** What the musician played last time, to pre-fill the quick log. */
export async function lastGigDefaults(db: UserDb) {
  const last = await db.gig.findFirst({
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
    select: { instruments: true, lineItems: { select: { currency: true }, take: 1 } },
  });
  return { instruments: last?.instruments ?? '', currency: last?.lineItems[0]?.currency ?? null };
}

export async function setGigStatus(db: UserDb, id: number, status: string) {
  await db.gig.update({ where: { id }, data: { status } });
}

export async function deleteGig(db: UserDb, id: number) {
  await db.gig.delete({ where: { id } });
}

// ---------------------------------------------------------------------------
// The gigs list: filters, sorting, pagination and per-currency totals, all in SQL.

export type GigFilter = {
  from: string | null;
  to: string | null;
  clientId: number | null;
  kind: string | null;
  status: string | null;
  paid: PaidState | null;
  q: string;
  sort: GigSort;
  dir: 'asc' | 'desc';
  page: number;
};

export const gigSorts = {
  date: Prisma.sql`g.date`,
  title: Prisma.sql`LOWER(COALESCE(NULLIF(g.title, ''), g.artist))`,
  client: Prisma.sql`LOWER(c.name)`,
  status: Prisma.sql`g.status`,
  amount: Prisma.sql`b.agreedMinor`,
  owed: Prisma.sql`b.owedMinor`,
} as const;
export type GigSort = keyof typeof gigSorts;

export const GIGS_PER_PAGE = 25;

export type GigRow = {
  id: number;
  date: string;
  startTime: string | null;
  kind: string;
  status: string;
  title: string;
  artist: string;
  location: string;
  clientId: number | null;
  clientName: string | null;
  dueDate: string | null;
  currency: string | null;
  agreedMinor: number | null;
  paidMinor: number | null;
  owedMinor: number | null;
};

/**
 * The gigs list's conditions on `Gig g`, `Client c` (the booker) and
 * `balances b` — shared with the CSV export so the two always agree.
 */
export function gigListWhere(userId: number, f: GigFilter, today: string) {
  const conditions = [Prisma.sql`g.userId = ${userId}`];
  if (f.from) conditions.push(Prisma.sql`g.date >= ${f.from}`);
  if (f.to) conditions.push(Prisma.sql`g.date <= ${f.to}`);
  if (f.clientId) conditions.push(Prisma.sql`(g.clientId = ${f.clientId} OR g.payerId = ${f.clientId})`);
  if (f.kind) conditions.push(Prisma.sql`g.kind = ${f.kind}`);
  if (f.status) conditions.push(Prisma.sql`g.status = ${f.status}`);
  if (f.paid) conditions.push(paidStateCondition(f.paid, today));
  if (f.q) {
    const p = likePattern(f.q);
    conditions.push(
      Prisma.sql`(g.title LIKE ${p} ESCAPE '\\' OR g.artist LIKE ${p} ESCAPE '\\' OR g.location LIKE ${p} ESCAPE '\\' OR g.notes LIKE ${p} ESCAPE '\\' OR c.name LIKE ${p} ESCAPE '\\')`,
    );
  }
  return Prisma.join(conditions, ' AND ');
}

/** One page of gigs, the number of matches, and the matches' totals per currency. */
export async function findGigs(db: UserDb, f: GigFilter, today: string) {
  const userId = db.$userId;
  const from = Prisma.sql`FROM Gig g
    LEFT JOIN Client c ON c.id = g.clientId AND c.userId = ${userId}
    LEFT JOIN balances b ON b.gigId = g.id
    WHERE ${gigListWhere(userId, f, today)}`;
  const order = Prisma.sql`${gigSorts[f.sort]} ${f.dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`}, g.date DESC, g.id DESC`;
  const offset = (f.page - 1) * GIGS_PER_PAGE;

  // Two statements: the page, and one pass over the matches for both the
  // count (all groups) and the per-currency totals (groups with a currency).
  const [rows, groups] = await Promise.all([
    db.$queryRaw<GigRow[]>`WITH ${gigBalancesCte(userId)}
      SELECT g.id, g.date, g.startTime, g.kind, g.status, g.title, g.artist, g.location, g.clientId, c.name AS clientName,
             g.dueDate, b.currency, b.agreedMinor, b.paidMinor, b.owedMinor
      ${from} ORDER BY ${order} LIMIT ${GIGS_PER_PAGE} OFFSET ${offset}`,
    db.$queryRaw<{ currency: string | null; n: number; agreedMinor: number; paidMinor: number; owedMinor: number }[]>`WITH ${gigBalancesCte(userId)}
      SELECT b.currency, COUNT(*) AS n, SUM(b.agreedMinor) AS agreedMinor, SUM(b.paidMinor) AS paidMinor, SUM(MAX(b.owedMinor, 0)) AS owedMinor
      ${from} GROUP BY b.currency ORDER BY b.currency`,
  ]);
  const counted = groups.map(numbers);
  const totals = counted.filter((g) => g.currency !== null).map(({ n: _n, ...t }) => t as { currency: string; agreedMinor: number; paidMinor: number; owedMinor: number });
  return { rows: rows.map(numbers), total: counted.reduce((sum, g) => sum + g.n, 0), totals };
}

